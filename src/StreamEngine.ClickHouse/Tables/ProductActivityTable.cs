using StreamEngine.Core.Features;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>product_activity</c>: one row per (dimension, key, country, window, source partition). Totals are sums over
/// partitions (each holds disjoint users); unique visitors merge across partitions and windows with
/// the sparse HyperLogLog sketches (<c>HyperLogLog.ClickHouseSparseEstimateSql</c>, docs/features.md). Read with FINAL
/// (or argMax by version) so re-emitted windows count once.
/// </summary>
public sealed class ProductActivityTable : IRowEncoder<ProductActivityRow>
{
    public static readonly ProductActivityTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "product_activity",
        [
            new("window_start", "DateTime"),
            new("window_end", "DateTime"),
            new("window_seconds", "UInt32"),
            new("dimension", "Enum8('sku' = 1, 'category' = 2)"),
            new("key", "String"),
            new("country", "String"),
            new("source_partition", "UInt16"),
            new("views", "UInt64"),
            new("unique_visitors", "Float64"),
            new("visitor_sketch", "Array(UInt16)"),
            new("add_to_carts", "UInt64"),
            new("checkouts", "UInt64"),
            new("purchases", "UInt64"),
            new("units", "UInt64"),
            new("revenue_minor", "Int64"),
            new("view_to_cart", "Float64"),
            new("view_to_purchase", "Float64"),
            new("version", "UInt64"),
        ],
        versionColumn: "version",
        orderBy: "(dimension, window_seconds, key, country, window_start, source_partition)",
        dayColumn: "window_start");

    public void Encode(in ProductActivityRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteDateTimeFromUnixMs(row.WindowStartMs);
        writer.WriteDateTimeFromUnixMs(row.WindowEndMs);
        writer.WriteUInt32((uint)(row.WindowSizeMs / 1000));
        writer.WriteInt8((sbyte)row.Dimension);
        writer.WriteString(row.Key);
        writer.WriteString(row.Country);
        writer.WriteUInt16((ushort)row.Partition);
        writer.WriteUInt64((ulong)row.Views);
        writer.WriteFloat64(row.UniqueVisitors);
        writer.WriteArrayLength(row.VisitorSketch.Length);
        foreach (var entry in row.VisitorSketch)
        {
            writer.WriteUInt16(entry);
        }

        writer.WriteUInt64((ulong)row.AddToCarts);
        writer.WriteUInt64((ulong)row.Checkouts);
        writer.WriteUInt64((ulong)row.Purchases);
        writer.WriteUInt64((ulong)row.Units);
        writer.WriteInt64(row.RevenueMinor);
        writer.WriteFloat64(row.ViewToCart);
        writer.WriteFloat64(row.ViewToPurchase);
        writer.WriteUInt64((ulong)row.Version);
    }
}
