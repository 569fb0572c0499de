using StreamEngine.Core.Features;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>trending_products</c>: one row per rank of a category's top-N in one window and source partition, by views or by
/// purchases. Ranks are per partition (clicks are keyed by user); rank globally in SQL (docs/features.md).
/// </summary>
public sealed class TrendingProductsTable : IRowEncoder<TrendingRow>
{
    public static readonly TrendingProductsTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "trending_products",
        [
            new("window_start", "DateTime"),
            new("window_end", "DateTime"),
            new("category", "String"),
            new("metric", "Enum8('views' = 1, 'purchases' = 2)"),
            new("rank", "UInt16"),
            new("source_partition", "UInt16"),
            new("sku", "String"),
            new("score", "UInt64"),
            new("previous_rank", "UInt16"),
            new("rank_change", "Int16"),
            new("is_new", "UInt8"),
            new("version", "UInt64"),
        ],
        versionColumn: "version",
        orderBy: "(category, metric, window_start, source_partition, rank)",
        dayColumn: "window_start");

    public void Encode(in TrendingRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteDateTimeFromUnixMs(row.WindowStartMs);
        writer.WriteDateTimeFromUnixMs(row.WindowEndMs);
        writer.WriteString(row.Category);
        writer.WriteInt8((sbyte)row.Metric);
        writer.WriteUInt16((ushort)row.Rank);
        writer.WriteUInt16((ushort)row.Partition);
        writer.WriteString(row.Sku);
        writer.WriteUInt64((ulong)row.Score);
        writer.WriteUInt16((ushort)row.PreviousRank);
        writer.WriteInt16((short)row.RankChange);
        writer.WriteBoolean(row.IsNew);
        writer.WriteUInt64((ulong)row.Version);
    }
}
