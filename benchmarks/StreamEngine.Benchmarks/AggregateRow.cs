using StreamEngine.ClickHouse;

namespace StreamEngine.Benchmarks;

/// <summary>A windowed aggregate as the feature pipelines emit it: window, keys, counters, money, a ratio, a version.</summary>
internal readonly record struct AggregateRow(
    long WindowStartMs, string Sku, string Country, string Channel, ulong Views, ulong Purchases, long RevenueMinor, double ConversionRate, ulong Version);

internal sealed class AggregateRowEncoder : IRowEncoder<AggregateRow>
{
    public void Encode(in AggregateRow row, RowBinaryWriter writer)
    {
        writer.WriteDateTimeFromUnixMs(row.WindowStartMs);
        writer.WriteDateFromUnixMs(row.WindowStartMs);
        writer.WriteString(row.Sku);
        writer.WriteFixedString(row.Country, 2);
        writer.WriteString(row.Channel);
        writer.WriteUInt64(row.Views);
        writer.WriteUInt64(row.Purchases);
        writer.WriteInt64(row.RevenueMinor);
        writer.WriteFloat64(row.ConversionRate);
        writer.WriteUInt64(row.Version);
    }
}
