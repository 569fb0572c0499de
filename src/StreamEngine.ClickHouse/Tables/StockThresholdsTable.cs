using StreamEngine.Core.Inventory;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>stock_thresholds</c>: safety stock and reorder point per (sku, warehouse, bucket_start), current and historical
/// (the newest bucket is the current one). Version <c>history_days</c>: when a restart without a checkpoint rebuilds the
/// state from less history, the row computed from the longer history wins. Read with FINAL or argMax.
/// </summary>
public sealed class StockThresholdsTable : IRowEncoder<StockThreshold>
{
    public static readonly StockThresholdsTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "stock_thresholds",
        [
            new("sku", "String"),
            new("warehouse", "String"),
            new("category", "String"),
            new("bucket_start", "DateTime"),
            new("computed_at", "DateTime"),
            new("history_days", "UInt16"),
            new("demand_mean", "Float64"),
            new("demand_std", "Float64"),
            new("demand_ewma_mean", "Float64"),
            new("demand_ewma_std", "Float64"),
            new("lead_time_mean_days", "Float64"),
            new("lead_time_std_days", "Float64"),
            new("lead_time_is_default", "UInt8"),
            new("abc_class", "Enum8('A' = 0, 'B' = 1, 'C' = 2)"),
            new("service_level", "Float64"),
            new("z", "Float64"),
            new("safety_stock", "Float64"),
            new("reorder_point", "Float64"),
            new("on_hand", "Int64"),
            new("on_order", "Int64"),
            new("days_of_cover", "Float64"),
            new("is_fallback", "UInt8"),
            new("fallback_kind", "Enum8('none' = 0, 'category' = 1, 'defaults' = 2)"),
            new("below_reorder_point", "UInt8"),
        ],
        versionColumn: "history_days",
        orderBy: "(warehouse, sku, bucket_start)",
        dayColumn: "bucket_start");

    public void Encode(in StockThreshold row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(row.Sku);
        writer.WriteString(row.Warehouse);
        writer.WriteString(row.Category);
        writer.WriteDateTimeFromUnixMs(row.BucketStartMs);
        writer.WriteDateTimeFromUnixMs(row.ComputedAtMs);
        writer.WriteUInt16((ushort)Math.Clamp(row.HistoryDays, 0, ushort.MaxValue));
        writer.WriteFloat64(row.DemandMean);
        writer.WriteFloat64(row.DemandStdDev);
        writer.WriteFloat64(row.DemandEwmaMean);
        writer.WriteFloat64(row.DemandEwmaStdDev);
        writer.WriteFloat64(row.LeadTimeMeanDays);
        writer.WriteFloat64(row.LeadTimeStdDevDays);
        writer.WriteBoolean(row.LeadTimeIsDefault);
        writer.WriteInt8((sbyte)row.Class);
        writer.WriteFloat64(row.ServiceLevel);
        writer.WriteFloat64(row.Z);
        writer.WriteFloat64(row.SafetyStock);
        writer.WriteFloat64(row.ReorderPoint);
        writer.WriteInt64(row.OnHand);
        writer.WriteInt64(row.OnOrder);
        writer.WriteFloat64(row.DaysOfCover);
        writer.WriteBoolean(row.IsFallback);
        writer.WriteInt8((sbyte)row.FallbackKind);
        writer.WriteBoolean(row.BelowReorderPoint);
    }
}
