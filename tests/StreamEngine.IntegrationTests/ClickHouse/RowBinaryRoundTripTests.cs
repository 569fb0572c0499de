using System.Globalization;
using StreamEngine.ClickHouse;

namespace StreamEngine.IntegrationTests.ClickHouse;

[Collection(ClickHouseServerGroup.Name)]
public sealed class RowBinaryRoundTripTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    private static readonly Dictionary<string, string> s_lowCardinality = new() { ["allow_experimental_low_cardinality_type"] = "1" };

    [Fact]
    public async Task EveryType_RoundTripsThroughInsertAndSelect()
    {
        await Client.ExecuteAsync(
            $"""
            CREATE TABLE {Database}.all_types (
                id UInt32, u8 UInt8, u16 UInt16, u32 UInt32, u64 UInt64, i8 Int8, i16 Int16, i32 Int32, i64 Int64,
                f32 Float32, f64 Float64, s String, fs FixedString(4), d Date, dt DateTime,
                arr Array(UInt32), arr_s Array(String), n Nullable(Int64), lc LowCardinality(String)
            ) ENGINE = MergeTree ORDER BY id
            """,
            s_lowCardinality);
        string[] columns = ["id", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "s", "fs", "d", "dt", "arr", "arr_s", "n", "lc"];

        using var writer = new RowBinaryWriter();
        // Row 1: maxima, multi-byte UTF-8, escapes, a NULL. Row 2: minima, empty string and arrays, a value.
        writer.WriteUInt32(1);
        writer.WriteUInt8(byte.MaxValue);
        writer.WriteUInt16(ushort.MaxValue);
        writer.WriteUInt32(uint.MaxValue);
        writer.WriteUInt64(ulong.MaxValue);
        writer.WriteInt8(sbyte.MaxValue);
        writer.WriteInt16(short.MaxValue);
        writer.WriteInt32(int.MaxValue);
        writer.WriteInt64(long.MaxValue);
        writer.WriteFloat32(1.5f);
        writer.WriteFloat64(-2.25);
        writer.WriteString("Grüße 東京 😀\ttab\nline\\");
        writer.WriteFixedString("DE", 4);
        writer.WriteDate(new DateOnly(2024, 2, 29));
        writer.WriteDateTimeFromUnixMs(1_709_210_096_789); // 2024-02-29 12:34:56.789 UTC
        writer.WriteArrayLength(3);
        writer.WriteUInt32(1);
        writer.WriteUInt32(300);
        writer.WriteUInt32(uint.MaxValue);
        writer.WriteArrayLength(2);
        writer.WriteString("a");
        writer.WriteString("b'c");
        writer.WriteNullMarker(isNull: true);
        writer.WriteString("search");

        writer.WriteUInt32(2);
        writer.WriteUInt8(0);
        writer.WriteUInt16(0);
        writer.WriteUInt32(0);
        writer.WriteUInt64(0);
        writer.WriteInt8(sbyte.MinValue);
        writer.WriteInt16(short.MinValue);
        writer.WriteInt32(int.MinValue);
        writer.WriteInt64(long.MinValue);
        writer.WriteFloat32(-0.125f);
        writer.WriteFloat64(1e300);
        writer.WriteString("");
        writer.WriteFixedString("ABCD"u8, 4);
        writer.WriteDate(new DateOnly(1970, 1, 2)); // day 0 prints as 0000-00-00 on 18.16, 1970-01-01 on current releases
        writer.WriteDateTime(1);
        writer.WriteArrayLength(0);
        writer.WriteArrayLength(0);
        writer.WriteNullMarker(isNull: false);
        writer.WriteInt64(-5);
        writer.WriteString("");

        await Client.InsertAsync("all_types", columns, writer.WrittenMemory);

        var rows = await Client.QueryAsync(
            $"SELECT id, u8, u16, u32, u64, i8, i16, i32, i64, f32, f64, s, fs, toString(d), toString(dt, 'UTC'), arr, length(arr_s), arrayStringConcat(arr_s, '|'), n, lc FROM {Database}.all_types ORDER BY id");
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            ["1", "255", "65535", "4294967295", "18446744073709551615", "127", "32767", "2147483647", "9223372036854775807", "1.5", "-2.25",
             "Grüße 東京 😀\ttab\nline\\", "DE\0\0", "2024-02-29", "2024-02-29 12:34:56", "[1,300,4294967295]", "2", "a|b'c", "\\N", "search"],
            rows[0]);
        Assert.Equal(
            ["2", "0", "0", "0", "0", "-128", "-32768", "-2147483648", "-9223372036854775808", "-0.125", "1e300",
             "", "ABCD", "1970-01-02", "1970-01-01 00:00:01", "[]", "0", "", "-5", ""],
            rows[1]);
    }

    [Fact]
    public async Task RandomRows_MatchABruteForceReferenceAfterTheRoundTrip()
    {
        await Client.ExecuteAsync($"CREATE TABLE {Database}.random (id UInt32, v Int64, x Float64, s String) ENGINE = MergeTree ORDER BY id");
        var random = new Random(7);
        var expected = new List<(int Id, long V, double X, string S)>();
        using var writer = new RowBinaryWriter();
        for (var id = 0; id < 2_000; id++)
        {
            var row = (id, random.NextInt64(long.MinValue, long.MaxValue), (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 20)), RandomText(random));
            expected.Add(row);
            writer.WriteUInt32((uint)row.id);
            writer.WriteInt64(row.Item2);
            writer.WriteFloat64(row.Item3);
            writer.WriteString(row.Item4);
        }

        await Client.InsertAsync("random", ["id", "v", "x", "s"], writer.WrittenMemory);
        var rows = await Client.QueryAsync($"SELECT id, v, x, s FROM {Database}.random ORDER BY id");

        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Id.ToString(CultureInfo.InvariantCulture), rows[i][0]);
            Assert.Equal(expected[i].V.ToString(CultureInfo.InvariantCulture), rows[i][1]);
            Assert.Equal(expected[i].X, double.Parse(rows[i][2], CultureInfo.InvariantCulture));
            Assert.Equal(expected[i].S, rows[i][3]);
        }
    }

    private static string RandomText(Random random)
    {
        const string alphabet = "abcXYZ019 \t\n\\'\"äöü東京€";
        var chars = new char[random.Next(0, 40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
