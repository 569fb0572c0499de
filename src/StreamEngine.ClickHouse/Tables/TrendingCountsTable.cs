using StreamEngine.Core.Features;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>trending_counts</c>: views and purchases per (category, SKU, trending window, source partition). Partitions hold
/// disjoint users, so a product's counts are sums over partitions; <see cref="TrendingRankingQuery"/> ranks them.
/// </summary>
public sealed class TrendingCountsTable : IRowEncoder<TrendingCountRow>
{
    public static readonly TrendingCountsTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "trending_counts",
        [
            new("window_start", "DateTime"),
            new("window_end", "DateTime"),
            new("category", "String"),
            new("sku", "String"),
            new("source_partition", "UInt16"),
            new("views", "UInt64"),
            new("purchases", "UInt64"),
            new("version", "UInt64"),
        ],
        versionColumn: "version",
        orderBy: "(category, window_start, sku, source_partition)",
        dayColumn: "window_start");

    public void Encode(in TrendingCountRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteDateTimeFromUnixMs(row.WindowStartMs);
        writer.WriteDateTimeFromUnixMs(row.WindowEndMs);
        writer.WriteString(row.Category);
        writer.WriteString(row.Sku);
        writer.WriteUInt16((ushort)row.Partition);
        writer.WriteUInt64((ulong)row.Views);
        writer.WriteUInt64((ulong)row.Purchases);
        writer.WriteUInt64((ulong)row.Version);
    }
}
