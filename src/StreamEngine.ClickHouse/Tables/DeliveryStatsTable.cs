namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>delivery_stats</c>: delivery time p50/p95 and late rate per (window, carrier, destination country, source
/// partition). Shipments are keyed by shipment id, so each partition holds a disjoint share of a carrier's deliveries:
/// counts add up across partitions; quantiles are per partition (see docs/safety-stock.md for combining them).
/// </summary>
public sealed class DeliveryStatsTable : IRowEncoder<DeliveryStatsRow>
{
    public static readonly DeliveryStatsTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "delivery_stats",
        [
            new("window_start", "DateTime"),
            new("window_end", "DateTime"),
            new("carrier", "String"),
            new("destination_country", "String"),
            new("source_partition", "UInt16"),
            new("deliveries", "UInt32"),
            new("late_deliveries", "UInt32"),
            new("late_rate", "Float64"),
            new("mean_delivery_ms", "Float64"),
            new("p50_delivery_ms", "Int64"),
            new("p95_delivery_ms", "Int64"),
            new("max_delivery_ms", "Int64"),
            new("version", "UInt8"),
        ],
        versionColumn: "version",
        orderBy: "(window_start, carrier, destination_country, source_partition)",
        dayColumn: "window_start");

    public void Encode(in DeliveryStatsRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var s = row.Stats;
        writer.WriteDateTimeFromUnixMs(s.WindowStartMs);
        writer.WriteDateTimeFromUnixMs(s.WindowEndMs);
        writer.WriteString(s.Carrier);
        writer.WriteString(s.DestinationCountry);
        writer.WriteUInt16((ushort)row.Partition);
        writer.WriteUInt32((uint)s.Deliveries);
        writer.WriteUInt32((uint)s.LateDeliveries);
        writer.WriteFloat64(s.LateRate);
        writer.WriteFloat64(s.MeanDeliveryMs);
        writer.WriteInt64(s.P50DeliveryMs);
        writer.WriteInt64(s.P95DeliveryMs);
        writer.WriteInt64(s.MaxDeliveryMs);
        writer.WriteUInt8(0);
    }
}
