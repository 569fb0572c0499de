namespace StreamEngine.Core.Features;

/// <summary>
/// One row of <c>trending_counts</c>: views and purchases (order lines) of one product of a category in one trending
/// window, counted over one source partition. Identity: (Category, WindowStartMs, Sku, Partition); <see cref="Version"/>
/// = events folded in. Ranks are computed over the sum of all partitions (<c>TrendingRankingQuery</c>).
/// </summary>
public readonly record struct TrendingCountRow(
    long WindowStartMs,
    long WindowEndMs,
    string Category,
    string Sku,
    int Partition,
    long Views,
    long Purchases,
    long Version);
