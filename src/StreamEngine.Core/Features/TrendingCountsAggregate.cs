using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Events;

namespace StreamEngine.Core.Features;

/// <summary>Counts product_view and purchase events.</summary>
public readonly struct TrendingCountsAggregate : IWindowAggregate<ClickEvent, TrendingCounts, TrendingCounts>
{
    public TrendingCounts Initial() => default;

    public void Add(ref TrendingCounts state, in ClickEvent input)
    {
        state.Views += input.Type == ClickEventType.ProductView ? 1 : 0;
        state.Purchases += input.Type == ClickEventType.Purchase ? 1 : 0;
    }

    public void Merge(ref TrendingCounts state, in TrendingCounts other)
    {
        state.Views += other.Views;
        state.Purchases += other.Purchases;
    }

    public TrendingCounts Result(in TrendingCounts state) => state;
}
