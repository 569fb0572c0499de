namespace StreamEngine.Core.Features;

/// <summary>
/// One row of <c>trending_products</c>: the product at <see cref="Rank"/> (1 = best) of a category in one window and
/// source partition, by <see cref="Metric"/>. PreviousRank is its rank in the previous window (0 and IsNew when it was
/// not ranked); RankChange = PreviousRank − Rank (positive = climbed). Identity: (Category, Metric, WindowStartMs,
/// Partition, Rank); <see cref="Version"/> = product results folded in (grows with late updates).
/// </summary>
public readonly record struct TrendingRow(
    long WindowStartMs,
    long WindowEndMs,
    string Category,
    TrendingMetric Metric,
    int Rank,
    string Sku,
    long Score,
    int PreviousRank,
    int RankChange,
    bool IsNew,
    int Partition,
    long Version);
