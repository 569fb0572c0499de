using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Trending products, stream side: per (category, SKU) and <see cref="FeatureOptions.TrendingWindow"/> tumbling window,
/// the views and purchases of one partition's clicks. The top N per category and the rank change versus the previous
/// window are computed where every partition's counts meet, in ClickHouse (docs/features.md): clicks are keyed by
/// user, so no single partition can rank a category's products.
/// </summary>
public static class Trending
{
    /// <summary>Per-partition counts; late updates within grace re-emit a product's row with a higher version.</summary>
    public static IObservable<StreamItem<TrendingCountRow>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        FeatureOptions options,
        int partition,
        IObserver<LateEvent<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(options);
        return clicks
            .Keep(static e => e.Type is ClickEventType.ProductView or ClickEventType.Purchase && e.Category is not null && e.Sku is not null)
            .TumblingWindow(static e => (Category: e.Category!, Sku: e.Sku!), default(TrendingCountsAggregate), options.TrendingWindow, options.Grace, late)
            .MapEvents(item => new TrendingCountRow(
                item.Value.Window.StartMs,
                item.Value.Window.EndMs,
                item.Value.Key.Category,
                item.Value.Key.Sku,
                partition,
                item.Value.Result.Views,
                item.Value.Result.Purchases,
                item.Value.Version));
    }
}
