using StreamEngine.ClickHouse;

namespace StreamEngine.IntegrationTests.ClickHouse;

/// <summary>A typical aggregate row: window start, key columns, a count and a version.</summary>
internal readonly record struct SkuViewRow(long WindowStartMs, string Sku, string Country, ulong Views, ulong Version);

internal sealed class SkuViewRowEncoder : IRowEncoder<SkuViewRow>
{
    public void Encode(in SkuViewRow row, RowBinaryWriter writer)
    {
        writer.WriteDateTimeFromUnixMs(row.WindowStartMs);
        writer.WriteString(row.Sku);
        writer.WriteString(row.Country);
        writer.WriteUInt64(row.Views);
        writer.WriteUInt64(row.Version);
    }
}
