using System.Numerics;

namespace StreamEngine.Core.Aggregates;

/// <summary>
/// HyperLogLog distinct-count sketch with precision 10: m = 1024 one-byte registers fed with 64-bit hashes (use the
/// keyed pseudonyms, which are already uniform 64-bit hashes). Standard error 1.04 / sqrt(m) ≈ 3.25 %; the small-range
/// (linear counting) correction applies below 2.5 m. 64-bit hashes need no large-range correction.
/// Registers export as 1024 bytes (<see cref="ToArray"/>) for a ClickHouse Array(UInt8) column: windows merge in SQL
/// with maxForEach and <see cref="ClickHouseEstimateSqlTemplate"/> reproduces <see cref="Estimate()"/>.
/// The registers are allocated on the first Add or Merge, so an empty sketch costs nothing.
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

    private const double Alpha = 0.7213 / (1 + (1.079 / RegisterCount));

    private byte[]? _registers;

    /// <summary>True until the first hash is added.</summary>
    public readonly bool IsEmpty => _registers is null;

    /// <summary>Returns <see cref="ClickHouseEstimateSqlTemplate"/> applied to <paramref name="registersExpression"/>.</summary>
    public static string ClickHouseEstimateSql(string registersExpression) =>
        ClickHouseEstimateSqlTemplate.Replace("{registers}", registersExpression, StringComparison.Ordinal);

    /// <summary>Adds a 64-bit hash: the top 10 bits pick the register, the rank of the rest is its leading zeros + 1.</summary>
    public void Add(ulong hash)
    {
        _registers ??= new byte[RegisterCount];
        var index = (int)(hash >> (64 - Precision));
        // Bit 9 set caps the rank at 64 - 10 + 1 = 55 when the remaining 54 bits are all zero.
        var rank = (byte)(BitOperations.LeadingZeroCount((hash << Precision) | (1UL << (Precision - 1))) + 1);
        ref var register = ref _registers[index];
        if (rank > register)
        {
            register = rank;
        }
    }

    /// <summary>Register-wise maximum with <paramref name="other"/> (the union of the two sets); copies, never aliases.</summary>
    public void Merge(in HyperLogLog other)
    {
        if (other._registers is null)
        {
            return;
        }

        _registers ??= new byte[RegisterCount];
        var mine = _registers.AsSpan();
        var theirs = other._registers.AsSpan();
        for (var i = 0; i < mine.Length; i++)
        {
            mine[i] = Math.Max(mine[i], theirs[i]);
        }
    }

    /// <summary>Estimated number of distinct hashes added.</summary>
    public readonly double Estimate() => _registers is null ? 0 : Estimate(_registers);

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

        var raw = Alpha * RegisterCount * RegisterCount / sum;
        return raw <= 2.5 * RegisterCount && zeros > 0 ? RegisterCount * Math.Log((double)RegisterCount / zeros) : raw;
    }

    /// <summary>A copy of the 1024 registers (all zero when empty), for storage and merging in ClickHouse.</summary>
    public readonly byte[] ToArray() => _registers is null ? new byte[RegisterCount] : (byte[])_registers.Clone();

    /// <summary>A sketch that owns a copy of the given registers.</summary>
    public static HyperLogLog FromRegisters(ReadOnlySpan<byte> registers)
    {
        if (registers.Length != RegisterCount)
        {
            throw new ArgumentException($"Expected {RegisterCount} registers.", nameof(registers));
        }

        return new HyperLogLog { _registers = registers.ToArray() };
    }

    /// <summary>An independent copy, safe to hand downstream while this sketch keeps receiving hashes.</summary>
    public readonly HyperLogLog Clone() => _registers is null ? default : new HyperLogLog { _registers = (byte[])_registers.Clone() };
}
