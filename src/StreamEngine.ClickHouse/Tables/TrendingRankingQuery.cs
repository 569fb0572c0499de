using System.Globalization;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// Trending products: the global top N per category, window and metric (views, purchases) with the rank change versus
/// the previous window, computed from <c>trending_counts</c> summed over source partitions. ClickHouse 18.16 SQL (no
/// window functions): rank = position in the window's list sorted by score descending, then SKU (bytes); the previous
/// rank is looked up in the product's own rankings (the window whose end is this one's start). docs/features.md
/// shows this query; a test keeps the two equal.
/// </summary>
public static class TrendingRankingQuery
{
    /// <summary>Columns: category, metric, window_start, rank, sku, score, previous_rank (0 = not ranked), rank_change, is_new.</summary>
    /// <param name="database">Qualifies the table; null reads the session's database.</param>
    /// <param name="topN">Products ranked per category, window and metric.</param>
    /// <param name="from">Windows starting at or after this time (UTC, whole seconds)...</param>
    /// <param name="to">...and before this one.</param>
    public static string Sql(string? database, int topN, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topN, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, to);
        var table = database is null
            ? TrendingCountsTable.Definition.Name
            : $"{ClickHouseIdentifier.Validate(database, "database")}.{TrendingCountsTable.Definition.Name}";
        var start = from.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var end = to.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var n = topN.ToString(CultureInfo.InvariantCulture);
        return $"""
            SELECT category, metric, entry.1 AS window_start, entry.3 AS rank, sku, entry.4 AS score,
                   arrayFirst(w -> w.2 = entry.1, ranked).3 AS previous_rank,
                   if(previous_rank = 0, 0, toInt32(previous_rank) - toInt32(rank)) AS rank_change,
                   previous_rank = 0 AS is_new
            FROM
            (
                SELECT category, metric, top_entry.1 AS sku, groupArray((window_start, window_end, rank, top_entry.2)) AS ranked
                FROM
                (
                    SELECT category, metric, window_start, window_end,
                           arraySlice(arraySort(x -> (-x.2, x.1), groupArray((sku, by_metric.2))), 1, {n}) AS top
                    FROM
                    (
                        SELECT category, window_start, window_end, sku,
                               sum(views) AS total_views, sum(purchases) AS total_purchases
                        FROM {table} FINAL
                        WHERE window_end >= toDateTime({start}) AND window_start < toDateTime({end})
                        GROUP BY category, window_start, window_end, sku
                    )
                    ARRAY JOIN [('views', total_views), ('purchases', total_purchases)] AS by_metric
                    WHERE by_metric.2 > 0
                    GROUP BY category, by_metric.1 AS metric, window_start, window_end
                )
                ARRAY JOIN top AS top_entry, arrayEnumerate(top) AS rank
                GROUP BY category, metric, sku
            )
            ARRAY JOIN ranked AS entry
            WHERE window_start >= toDateTime({start})
            ORDER BY category, metric, window_start, rank
            """;
    }
}
