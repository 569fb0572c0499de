using System.Text;
using StreamEngine.ClickHouse;

namespace StreamEngine.Core.Tests.ClickHouse;

public sealed class RowBinaryWriterTests
{
    private static byte[] Encode(Action<RowBinaryWriter> write)
    {
        using var writer = new RowBinaryWriter(16);
        write(writer);
        return writer.WrittenSpan.ToArray();
    }

    [Fact]
    public void UnsignedIntegers_AreLittleEndian()
    {
        Assert.Equal(new byte[] { 0xAB }, Encode(w => w.WriteUInt8(0xAB)));
        Assert.Equal(new byte[] { 0x34, 0x12 }, Encode(w => w.WriteUInt16(0x1234)));
        Assert.Equal(new byte[] { 0x78, 0x56, 0x34, 0x12 }, Encode(w => w.WriteUInt32(0x12345678)));
        Assert.Equal(new byte[] { 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01 }, Encode(w => w.WriteUInt64(0x0102030405060708)));
    }

    [Fact]
    public void SignedIntegers_AreTwosComplementLittleEndian()
    {
        Assert.Equal(new byte[] { 0xFF }, Encode(w => w.WriteInt8(-1)));
        Assert.Equal(new byte[] { 0x00, 0x80 }, Encode(w => w.WriteInt16(short.MinValue)));
        Assert.Equal(new byte[] { 0xFE, 0xFF, 0xFF, 0xFF }, Encode(w => w.WriteInt32(-2)));
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, Encode(w => w.WriteInt64(long.MaxValue)));
    }

    [Fact]
    public void Floats_AreIeee754LittleEndian()
    {
        Assert.Equal(new byte[] { 0x00, 0x00, 0xC0, 0x3F }, Encode(w => w.WriteFloat32(1.5f)));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0xF0, 0x3F }, Encode(w => w.WriteFloat64(1.0)));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0xF0, 0xBF }, Encode(w => w.WriteFloat64(-1.0)));
    }

    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(16_384UL, new byte[] { 0x80, 0x80, 0x01 })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void VarUInt_IsUnsignedLeb128(ulong value, byte[] expected) => Assert.Equal(expected, Encode(w => w.WriteVarUInt(value)));

    [Fact]
    public void VarUInt_DecodesBackToTheValue_ForRandomValues()
    {
        var random = new Random(42);
        for (var i = 0; i < 10_000; i++)
        {
            var value = (ulong)random.NextInt64() >> random.Next(64);
            var bytes = Encode(w => w.WriteVarUInt(value));
            Assert.Equal(value, DecodeLeb128(bytes, out var read));
            Assert.Equal(bytes.Length, read);
            Assert.Equal(Math.Max(1, (64 - ulong.LeadingZeroCount(value) + 6) / 7), (ulong)bytes.Length);
        }
    }

    [Fact]
    public void String_IsLeb128ByteLengthThenUtf8()
    {
        Assert.Equal(new byte[] { 0x00 }, Encode(w => w.WriteString("")));
        Assert.Equal(new byte[] { 0x02, (byte)'h', (byte)'i' }, Encode(w => w.WriteString("hi")));
        Assert.Equal(new byte[] { 0x02, 0xC3, 0xA9 }, Encode(w => w.WriteString("é")));
        Assert.Equal(new byte[] { 0x04, 0xF0, 0x9F, 0x98, 0x80 }, Encode(w => w.WriteString("😀")));
    }

    [Fact]
    public void LongString_HasMultiByteLengthPrefix_AndGrowsTheBuffer()
    {
        var text = new string('x', 300);
        var bytes = Encode(w => w.WriteString(text));
        Assert.Equal(new byte[] { 0xAC, 0x02 }, bytes[..2]);
        Assert.Equal(Encoding.ASCII.GetBytes(text), bytes[2..]);
    }

    [Fact]
    public void StringFromUtf8Bytes_EqualsStringFromChars()
    {
        const string text = "Zürich 東京";
        Assert.Equal(Encode(w => w.WriteString(text)), Encode(w => w.WriteString(Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void FixedString_IsZeroPadded_AndRejectsLongerValues()
    {
        Assert.Equal(new byte[] { (byte)'D', (byte)'E', 0, 0 }, Encode(w => w.WriteFixedString("DE", 4)));
        Assert.Equal(new byte[] { (byte)'U', (byte)'S' }, Encode(w => w.WriteFixedString("US"u8, 2)));
        using var writer = new RowBinaryWriter();
        Assert.Throws<ArgumentException>(() => writer.WriteFixedString("USA", 2));
        Assert.Throws<ArgumentException>(() => writer.WriteFixedString("USA"u8, 2));
        Assert.Equal(0, writer.Length);
    }

    [Fact]
    public void Date_IsUInt16DaysSinceEpoch()
    {
        Assert.Equal(new byte[] { 0x00, 0x00 }, Encode(w => w.WriteDate(new DateOnly(1970, 1, 1))));
        Assert.Equal(new byte[] { 0x01, 0x00 }, Encode(w => w.WriteDate(new DateOnly(1970, 1, 2))));
        var days = (ushort)(new DateOnly(2024, 2, 29).DayNumber - new DateOnly(1970, 1, 1).DayNumber);
        Assert.Equal(BitConverter.GetBytes(days), Encode(w => w.WriteDate(new DateOnly(2024, 2, 29))));
        Assert.Equal(new byte[] { 0x01, 0x00 }, Encode(w => w.WriteDateFromUnixMs((2 * 86_400_000L) - 1)));
    }

    [Fact]
    public void DateTime_IsUInt32SecondsSinceEpoch_FlooredFromMilliseconds()
    {
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x00 }, Encode(w => w.WriteDateTime(1)));
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x00 }, Encode(w => w.WriteDateTimeFromUnixMs(1_999)));
        Assert.Equal(BitConverter.GetBytes(1_700_000_000u), Encode(w => w.WriteDateTime(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000))));
    }

    [Fact]
    public void DatesOutsideTheClickHouseRange_Throw()
    {
        using var writer = new RowBinaryWriter();
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteDateTime(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteDateTime((long)uint.MaxValue + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteDateFromUnixMs(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteDate(new DateOnly(2200, 1, 1)));
        Assert.Equal(0, writer.Length);
    }

    [Fact]
    public void ArrayLengthAndNullMarker_AreEncodedAsClickHouseExpects()
    {
        Assert.Equal(new byte[] { 0x80, 0x01 }, Encode(w => w.WriteArrayLength(128)));
        Assert.Equal(new byte[] { 0x01, 0x00, 0x05 }, Encode(w =>
        {
            w.WriteNullMarker(isNull: true);
            w.WriteNullMarker(isNull: false);
            w.WriteUInt8(5);
        }));
    }

    [Fact]
    public void Growth_PreservesEarlierBytes_AndClearKeepsCapacity()
    {
        using var writer = new RowBinaryWriter(8);
        var expected = new List<byte>();
        for (var i = 0; i < 10_000; i++)
        {
            writer.WriteInt32(i);
            expected.AddRange(BitConverter.GetBytes(i));
        }

        Assert.Equal(expected.ToArray(), writer.WrittenSpan.ToArray());
        var capacity = writer.Capacity;
        writer.Clear();
        Assert.Equal(0, writer.Length);
        Assert.Equal(capacity, writer.Capacity);
    }

    [Fact]
    public void Truncate_DropsTheTail()
    {
        using var writer = new RowBinaryWriter();
        writer.WriteUInt8(1);
        writer.WriteString("partial");
        writer.Truncate(1);
        Assert.Equal(new byte[] { 1 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void WritingValues_DoesNotAllocate_OnceTheBufferHasGrown()
    {
        using var writer = new RowBinaryWriter(1 << 20);
        const string sku = "SKU-123456-Grüße";
        Write(writer, sku); // JIT and first-call costs outside the measurement
        writer.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            Write(writer, sku);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void Write(RowBinaryWriter w, string s)
        {
            w.WriteUInt64(123);
            w.WriteString(s);
            w.WriteFixedString("DE", 2);
            w.WriteDateTimeFromUnixMs(1_700_000_000_000);
            w.WriteDateFromUnixMs(1_700_000_000_000);
            w.WriteFloat64(0.5);
            w.WriteArrayLength(1);
            w.WriteInt64(-5);
            w.WriteNullMarker(false);
            w.WriteUInt32(7);
        }
    }

    [Fact]
    public void WriteAfterDispose_Throws()
    {
        var writer = new RowBinaryWriter(4);
        writer.Dispose();
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.WriteUInt64(1));
    }

    private static ulong DecodeLeb128(ReadOnlySpan<byte> bytes, out int read)
    {
        ulong value = 0;
        var shift = 0;
        read = 0;
        while (true)
        {
            var b = bytes[read++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }

            shift += 7;
        }
    }
}
