using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Features;

/// <summary>The top products of one category and window by views and by purchases, best first.</summary>
public readonly record struct TrendingTop(ScoredKey<string>[] ByViews, ScoredKey<string>[] ByPurchases);
