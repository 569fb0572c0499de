using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Features;

#pragma warning disable CA1051 // Aggregate state: fields are updated in place through ref, allocation-free (Trill style).

/// <summary>The two top-N heaps of one category and window.</summary>
public struct TrendingTopState
{
    public TopNState<string> ByViews;
    public TopNState<string> ByPurchases;
}
