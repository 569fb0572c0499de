using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace StreamEngine.ClickHouse;

/// <summary>
/// Appends values in ClickHouse's RowBinary format (little-endian, strings as LEB128 length + UTF-8) to a growable
/// buffer rented from <see cref="ArrayPool{T}.Shared"/> and returned on <see cref="Dispose"/>. Writing a value does not
/// allocate once the buffer has grown to the batch size. Not thread-safe: one writer per table, used by one thread.
/// </summary>
public sealed class RowBinaryWriter : IDisposable
{
    private const long UnixEpochDayNumber = 719_162; // DateOnly(1970, 1, 1).DayNumber
    private byte[] _buffer;
    private int _length;
    private bool _disposed;

    public RowBinaryWriter(int initialCapacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>Bytes written since creation or the last <see cref="Clear"/>.</summary>
    public int Length => _length;

    public int Capacity => _buffer.Length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The written bytes; valid until the next write, <see cref="Clear"/> or <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Forgets the written bytes and keeps the buffer, so the next batch does not allocate.</summary>
    public void Clear() => _length = 0;

    /// <summary>Drops everything written after <paramref name="length"/> (used to undo a partly encoded row).</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _length);
        _length = length;
    }

    public void WriteUInt8(byte value) => GetSpan(1)[0] = value;

    public void WriteBoolean(bool value) => GetSpan(1)[0] = value ? (byte)1 : (byte)0;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(GetSpan(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(GetSpan(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(GetSpan(8), value);

    public void WriteInt8(sbyte value) => GetSpan(1)[0] = unchecked((byte)value);

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(GetSpan(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value);

    public void WriteFloat32(float value) => BinaryPrimitives.WriteSingleLittleEndian(GetSpan(4), value);

    public void WriteFloat64(double value) => BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(8), value);

    /// <summary>Unsigned LEB128: 7 bits per byte, low bits first, high bit set on every byte but the last.</summary>
    public void WriteVarUInt(ulong value)
    {
        var span = GetSpan(10);
        var n = WriteVarUInt(span, value);
        _length -= 10 - n;
    }

    /// <summary>String: LEB128 byte length + UTF-8, encoded straight into the buffer (no intermediate string or array).</summary>
    public void WriteString(ReadOnlySpan<char> value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((ulong)byteCount);
        Encoding.UTF8.GetBytes(value, GetSpan(byteCount));
    }

    /// <summary>String from bytes that are already UTF-8 (e.g. sliced from a Kafka message).</summary>
    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        WriteVarUInt((ulong)utf8.Length);
        utf8.CopyTo(GetSpan(utf8.Length));
    }

    /// <summary>FixedString(N): exactly <paramref name="length"/> bytes, zero-padded; longer values throw.</summary>
    public void WriteFixedString(ReadOnlySpan<byte> utf8, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (utf8.Length > length)
        {
            throw new ArgumentException($"Value of {utf8.Length} bytes does not fit FixedString({length}).", nameof(utf8));
        }

        var span = GetSpan(length);
        utf8.CopyTo(span);
        span[utf8.Length..].Clear();
    }

    /// <summary>FixedString(N) from text (UTF-8 encoded), zero-padded; longer values throw.</summary>
    public void WriteFixedString(ReadOnlySpan<char> value, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var byteCount = Encoding.UTF8.GetByteCount(value);
        if (byteCount > length)
        {
            throw new ArgumentException($"Value of {byteCount} UTF-8 bytes does not fit FixedString({length}).", nameof(value));
        }

        var span = GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        span[byteCount..].Clear();
    }

    /// <summary>Date: UInt16 days since 1970-01-01 (1970-01-01 .. 2149-06-06).</summary>
    public void WriteDate(DateOnly value) => WriteDateDays(value.DayNumber - UnixEpochDayNumber);

    /// <summary>Date of an epoch-millisecond instant (UTC day).</summary>
    public void WriteDateFromUnixMs(long unixMs) => WriteDateDays(Math.DivRem(unixMs, 86_400_000L, out var rem) - (rem < 0 ? 1 : 0));

    /// <summary>DateTime: UInt32 seconds since the epoch (1970 .. 2106).</summary>
    public void WriteDateTime(long unixSeconds)
    {
        if ((ulong)unixSeconds > uint.MaxValue)
        {
            ThrowOutOfRange(unixSeconds, "DateTime seconds");
        }

        WriteUInt32((uint)unixSeconds);
    }

    /// <summary>DateTime of an epoch-millisecond instant, truncated to the second (floor).</summary>
    public void WriteDateTimeFromUnixMs(long unixMs) => WriteDateTime(Math.DivRem(unixMs, 1000L, out var rem) - (rem < 0 ? 1 : 0));

    public void WriteDateTime(DateTimeOffset value) => WriteDateTime(value.ToUnixTimeSeconds());

    /// <summary>Array(T) prefix: the element count as LEB128; the caller then writes the elements.</summary>
    public void WriteArrayLength(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteVarUInt((ulong)count);
    }

    /// <summary>Nullable(T) marker: 1 = NULL (nothing follows), 0 = a value of T follows.</summary>
    public void WriteNullMarker(bool isNull) => GetSpan(1)[0] = isNull ? (byte)1 : (byte)0;

    /// <summary>Appends bytes that are already RowBinary-encoded.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(GetSpan(bytes.Length));

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Writes LEB128 into <paramref name="destination"/> (at least 10 bytes) and returns the byte count.</summary>
    internal static int WriteVarUInt(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    private void WriteDateDays(long days)
    {
        if ((ulong)days > ushort.MaxValue)
        {
            ThrowOutOfRange(days, "Date days");
        }

        WriteUInt16((ushort)days);
    }

    /// <summary>Reserves <paramref name="size"/> bytes at the end and advances past them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> GetSpan(int size)
    {
        var start = _length;
        if (_buffer.Length - start < size)
        {
            Grow(size);
        }

        _length = start + size;
        return _buffer.AsSpan(start, size);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var required = (long)_length + size;
        var next = Math.Max(required, Math.Max(4096L, (long)_buffer.Length * 2));
        if (next > Array.MaxLength)
        {
            next = required <= Array.MaxLength ? Array.MaxLength : throw new InvalidOperationException("RowBinary buffer would exceed the maximum array length.");
        }

        var bigger = ArrayPool<byte>.Shared.Rent((int)next);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        var old = _buffer;
        _buffer = bigger;
        ArrayPool<byte>.Shared.Return(old);
    }

    private static void ThrowOutOfRange(long value, string what) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, $"{what} out of the ClickHouse range.");
}
