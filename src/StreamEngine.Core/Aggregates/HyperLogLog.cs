using System.Numerics;

namespace StreamEngine.Core.Aggregates;

/// <summary>
/// HyperLogLog distinct-count sketch with precision 10: m = 1024 one-byte registers fed with 64-bit hashes (use the
/// keyed pseudonyms, which are already uniform 64-bit hashes). Standard error 1.04 / sqrt(m) ≈ 3.25 %; the small-range
/// (linear counting) correction applies below 2.5 m. 64-bit hashes need no large-range correction.
/// Registers export as 1024 bytes (<see cref="ToArray"/>) for a ClickHouse Array(UInt8) column: windows merge in SQL
/// with maxForEach and <see cref="ClickHouseEstimateSqlTemplate"/> reproduces <see cref="Estimate()"/>.
/// Small sets stay sparse: up to <see cref="SparseCapacity"/> non-zero registers are kept as (index, rank) pairs in a
/// 64-byte array, and only a larger set allocates the 1024 dense registers (most product × country × minute windows see
/// a handful of visitors, so dense registers everywhere would cost 1 KB per open window). The sparse export
/// (<see cref="ToSparse"/>, one UInt16 per non-zero register) is what ClickHouse stores; see
/// <see cref="ClickHouseSparseEstimateSql"/> for merging it in SQL.
/// </summary>
public struct HyperLogLog
{
    public const int Precision = 10;
    public const int RegisterCount = 1 << Precision;

    /// <summary>Relative standard error, 1.04 / sqrt(1024).</summary>
    public const double StandardError = 0.0325;

    /// <summary>
    /// ClickHouse expression for the estimate; replace {registers} with an Array(UInt8) expression such as
    /// <c>maxForEach(unique_visitors_hll)</c>. Same formula as <see cref="Estimate()"/>: raw estimate
    /// alpha·m²/Σ2^-M[j] with alpha = 0.7213/(1+1.079/m), and m·ln(m/V) when it is ≤ 2.5 m and V registers are zero.
    /// </summary>
    public const string ClickHouseEstimateSqlTemplate =
        "if(0.7213 / (1 + 1.079 / 1024) * 1048576 / arraySum(arrayMap(x -> pow(2, -x), {registers})) <= 2560"
        + " AND countEqual({registers}, 0) > 0,"
        + " 1024 * log(1024 / countEqual({registers}, 0)),"
        + " 0.7213 / (1 + 1.079 / 1024) * 1048576 / arraySum(arrayMap(x -> pow(2, -x), {registers})))";

    /// <summary>Non-zero registers kept as pairs before the sketch turns dense.</summary>
    public const int SparseCapacity = 32;

    /// <summary>
    /// ClickHouse query fragment estimating distinct counts from sparse sketches stored as Array(UInt16)
    /// (entry = index · 64 + rank). Group by your keys plus <c>intDiv(e, 64)</c> with <c>max(e % 64) AS r</c> over
    /// <c>ARRAY JOIN sketch AS e</c>, then aggregate per key with this expression over <c>r</c>.
    /// </summary>
    public const string ClickHouseSparseEstimateSql =
        "if(0.7213 / (1 + 1.079 / 1024) * 1048576 / (sum(pow(2, -r)) + 1024 - count()) <= 2560 AND count() < 1024,"
        + " 1024 * log(1024 / (1024 - count())),"
        + " 0.7213 / (1 + 1.079 / 1024) * 1048576 / (sum(pow(2, -r)) + 1024 - count()))";

    private const double Alpha = 0.7213 / (1 + (1.079 / RegisterCount));

    private byte[]? _registers;
    private ushort[]? _sparse;
    private int _sparseCount;

    /// <summary>True until the first hash is added.</summary>
    public readonly bool IsEmpty => _registers is null && _sparseCount == 0;

    /// <summary>True once the sketch holds all 1024 registers (more than <see cref="SparseCapacity"/> are non-zero).</summary>
    public readonly bool IsDense => _registers is not null;

    /// <summary>Returns <see cref="ClickHouseEstimateSqlTemplate"/> applied to <paramref name="registersExpression"/>.</summary>
    public static string ClickHouseEstimateSql(string registersExpression) =>
        ClickHouseEstimateSqlTemplate.Replace("{registers}", registersExpression, StringComparison.Ordinal);

    /// <summary>Adds a 64-bit hash: the top 10 bits pick the register, the rank of the rest is its leading zeros + 1.</summary>
    public void Add(ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        // Bit 9 set caps the rank at 64 - 10 + 1 = 55 when the remaining 54 bits are all zero.
        var rank = (byte)(BitOperations.LeadingZeroCount((hash << Precision) | (1UL << (Precision - 1))) + 1);
        Raise(index, rank);
    }

    private void Raise(int index, byte rank)
    {
        if (_registers is not null)
        {
            ref var register = ref _registers[index];
            if (rank > register)
            {
                register = rank;
            }

            return;
        }

        _sparse ??= new ushort[SparseCapacity];
        for (var i = 0; i < _sparseCount; i++)
        {
            if (_sparse[i] >> 6 == index)
            {
                if (rank > (_sparse[i] & 63))
                {
                    _sparse[i] = Entry(index, rank);
                }

                return;
            }
        }

        if (_sparseCount < SparseCapacity)
        {
            _sparse[_sparseCount++] = Entry(index, rank);
            return;
        }

        Densify();
        _registers![index] = Math.Max(_registers[index], rank);
    }

    private void Densify()
    {
        _registers = new byte[RegisterCount];
        for (var i = 0; i < _sparseCount; i++)
        {
            _registers[_sparse![i] >> 6] = (byte)(_sparse[i] & 63);
        }

        _sparse = null;
        _sparseCount = 0;
    }

    private static ushort Entry(int index, byte rank) => (ushort)((index << 6) | rank);

    /// <summary>Register-wise maximum with <paramref name="other"/> (the union of the two sets); copies, never aliases.</summary>
    public void Merge(in HyperLogLog other)
    {
        if (other._registers is null)
        {
            for (var i = 0; i < other._sparseCount; i++)
            {
                Raise(other._sparse![i] >> 6, (byte)(other._sparse[i] & 63));
            }

            return;
        }

        if (_registers is null)
        {
            Densify();
        }

        var mine = _registers.AsSpan();
        var theirs = other._registers.AsSpan();
        for (var i = 0; i < mine.Length; i++)
        {
            mine[i] = Math.Max(mine[i], theirs[i]);
        }
    }

    /// <summary>Estimated number of distinct hashes added.</summary>
    public readonly double Estimate()
    {
        if (_registers is not null)
        {
            return Estimate(_registers);
        }

        if (_sparseCount == 0)
        {
            return 0;
        }

        // Zero registers contribute 2^0 = 1 each to the harmonic sum.
        double sum = RegisterCount - _sparseCount;
        for (var i = 0; i < _sparseCount; i++)
        {
            sum += Math.ScaleB(1.0, -(_sparse![i] & 63));
        }

        return Estimate(sum, RegisterCount - _sparseCount);
    }

    /// <summary>Estimate from exported registers (1024 bytes), the same formula as the ClickHouse expression.</summary>
    public static double Estimate(ReadOnlySpan<byte> registers)
    {
        if (registers.Length != RegisterCount)
        {
            throw new ArgumentException($"Expected {RegisterCount} registers.", nameof(registers));
        }

        double sum = 0;
        var zeros = 0;
        foreach (var register in registers)
        {
            sum += Math.ScaleB(1.0, -register);
            zeros += register == 0 ? 1 : 0;
        }

        return Estimate(sum, zeros);
    }

    private static double Estimate(double harmonicSum, int zeros)
    {
        var raw = Alpha * RegisterCount * RegisterCount / harmonicSum;
        return raw <= 2.5 * RegisterCount && zeros > 0 ? RegisterCount * Math.Log((double)RegisterCount / zeros) : raw;
    }

    /// <summary>A copy of the 1024 registers (all zero when empty).</summary>
    public readonly byte[] ToArray()
    {
        if (_registers is not null)
        {
            return (byte[])_registers.Clone();
        }

        var registers = new byte[RegisterCount];
        for (var i = 0; i < _sparseCount; i++)
        {
            registers[_sparse![i] >> 6] = (byte)(_sparse[i] & 63);
        }

        return registers;
    }

    /// <summary>The non-zero registers as index · 64 + rank, ascending by index: the compact form stored in ClickHouse.</summary>
    public readonly ushort[] ToSparse()
    {
        if (_registers is null)
        {
            var entries = _sparse is null ? [] : _sparse.AsSpan(0, _sparseCount).ToArray();
            Array.Sort(entries);
            return entries;
        }

        var count = RegisterCount - _registers.AsSpan().Count((byte)0);
        var result = new ushort[count];
        var n = 0;
        for (var i = 0; i < RegisterCount; i++)
        {
            if (_registers[i] != 0)
            {
                result[n++] = Entry(i, _registers[i]);
            }
        }

        return result;
    }

    /// <summary>A sketch that owns a copy of the given registers.</summary>
    public static HyperLogLog FromRegisters(ReadOnlySpan<byte> registers)
    {
        if (registers.Length != RegisterCount)
        {
            throw new ArgumentException($"Expected {RegisterCount} registers.", nameof(registers));
        }

        return new HyperLogLog { _registers = registers.ToArray() };
    }

    /// <summary>A sketch from the sparse export (<see cref="ToSparse"/>), e.g. read back from ClickHouse.</summary>
    public static HyperLogLog FromSparse(ReadOnlySpan<ushort> entries)
    {
        var sketch = default(HyperLogLog);
        foreach (var entry in entries)
        {
            sketch.Raise(entry >> 6, (byte)(entry & 63));
        }

        return sketch;
    }

    /// <summary>An independent copy, safe to hand downstream while this sketch keeps receiving hashes.</summary>
    public readonly HyperLogLog Clone() => new()
    {
        _registers = (byte[]?)_registers?.Clone(),
        _sparse = (ushort[]?)_sparse?.Clone(),
        _sparseCount = _sparseCount,
    };
}
