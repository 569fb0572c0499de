using StreamEngine.Core.Inventory;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>replenishment_signals</c>: one row per crossing of the reorder point, identity (warehouse, sku, time_ms) so a
/// replayed signal replaces itself. Read with FINAL.
/// </summary>
public sealed class ReplenishmentSignalsTable : IRowEncoder<ReplenishmentSignal>
{
    public static readonly ReplenishmentSignalsTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "replenishment_signals",
        [
            new("sku", "String"),
            new("warehouse", "String"),
            new("time", "DateTime"),
            new("time_ms", "Int64"),
            new("on_hand", "Int64"),
            new("on_order", "Int64"),
            new("reorder_point", "Float64"),
            new("safety_stock", "Float64"),
            new("demand_mean", "Float64"),
            new("suggested_quantity", "Int64"),
            new("abc_class", "Enum8('A' = 0, 'B' = 1, 'C' = 2)"),
            new("threshold_bucket_start", "DateTime"),
            new("version", "UInt8"),
        ],
        versionColumn: "version",
        orderBy: "(warehouse, sku, time_ms)",
        dayColumn: "time");

    public void Encode(in ReplenishmentSignal row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(row.Sku);
        writer.WriteString(row.Warehouse);
        writer.WriteDateTimeFromUnixMs(row.TimeMs);
        writer.WriteInt64(row.TimeMs);
        writer.WriteInt64(row.OnHand);
        writer.WriteInt64(row.OnOrder);
        writer.WriteFloat64(row.ReorderPoint);
        writer.WriteFloat64(row.SafetyStock);
        writer.WriteFloat64(row.DemandMean);
        writer.WriteInt64(row.SuggestedQuantity);
        writer.WriteInt8((sbyte)row.Class);
        writer.WriteDateTimeFromUnixMs(row.ThresholdBucketStartMs);
        writer.WriteUInt8(0);
    }
}
