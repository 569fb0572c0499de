using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Features;

/// <summary>
/// Ranks per-product window counts (key: category, SKU) into top-N lists; a re-emitted (updated) count replaces the
/// product's score because counts only grow and the heap keeps each key's highest score. Zero scores are not ranked.
/// </summary>
public readonly struct TrendingTopAggregate(int n)
    : IWindowAggregate<WindowResult<(string Category, string Sku), TrendingCounts>, TrendingTopState, TrendingTop>
{
    public TrendingTopState Initial() => default;

    public void Add(ref TrendingTopState state, in WindowResult<(string Category, string Sku), TrendingCounts> input)
    {
        if (input.Result.Views > 0)
        {
            state.ByViews.Add(n, input.Key.Sku, input.Result.Views);
        }

        if (input.Result.Purchases > 0)
        {
            state.ByPurchases.Add(n, input.Key.Sku, input.Result.Purchases);
        }
    }

    public void Merge(ref TrendingTopState state, in TrendingTopState other)
    {
        state.ByViews.Merge(n, other.ByViews);
        state.ByPurchases.Merge(n, other.ByPurchases);
    }

    public TrendingTop Result(in TrendingTopState state) => new(state.ByViews.ToSortedArray(), state.ByPurchases.ToSortedArray());
}
