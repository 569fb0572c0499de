using StreamEngine.ClickHouse;

namespace StreamEngine.Core.Tests.ClickHouse;

internal readonly record struct TestRow(long TimeMs, string Sku, ulong Views);

internal sealed class TestRowEncoder : IRowEncoder<TestRow>
{
    public static readonly ClickHouseColumn[] Columns = [new("ts", "DateTime"), new("sku", "String"), new("views", "UInt64")];

    public void Encode(in TestRow row, RowBinaryWriter writer)
    {
        writer.WriteDateTimeFromUnixMs(row.TimeMs);
        writer.WriteString(row.Sku);
        if (row.Sku == "poison")
        {
            throw new InvalidOperationException("cannot encode");
        }

        writer.WriteUInt64(row.Views);
    }
}
