using System.Reactive.Linq;
using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Features;

/// <summary>
/// Trending products: per category and <see cref="FeatureOptions.TrendingWindow"/> tumbling window, the top
/// <see cref="FeatureOptions.TrendingTopN"/> SKUs by views and by purchases, with rank change versus the previous window.
/// </summary>
public static class Trending
{
    /// <summary>
    /// Two stages: per-(category, SKU) counts in a tumbling window, then a top-N per category over those results in the
    /// same window (their time is window end − 1; late updates within grace re-rank). The ranking is exact for the stream
    /// it is given: feed it all clicks of a category (a stream repartitioned by category) for global ranks.
    /// </summary>
    public static IObservable<StreamItem<TrendingRow>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        FeatureOptions options,
        int partition,
        IObserver<LateEvent<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(options);
        var windowMs = (long)options.TrendingWindow.TotalMilliseconds;
        var tops = clicks
            .Keep(static e => e.Type is ClickEventType.ProductView or ClickEventType.Purchase && e.Category is not null && e.Sku is not null)
            .TumblingWindow(static e => (Category: e.Category!, Sku: e.Sku!), default(TrendingCountsAggregate), options.TrendingWindow, options.Grace, late)
            .TumblingWindow(static (WindowResult<(string Category, string Sku), TrendingCounts> r) => r.Key.Category, new TrendingTopAggregate(options.TrendingTopN), options.TrendingWindow, options.Grace);

        return Observable.Defer(() =>
        {
            var ranker = new TrendingRanker(windowMs, partition);
            return tops.SelectMany(item => item.IsPunctuation
                ? [StreamItem.Punctuation<TrendingRow>(item.WatermarkMs)]
                : Wrap(ranker.Rank(item.Value), item));
        });
    }

    private static List<StreamItem<TrendingRow>> Wrap<T>(List<TrendingRow> rows, StreamItem<T> source)
    {
        var items = new List<StreamItem<TrendingRow>>(rows.Count);
        foreach (var row in rows)
        {
            items.Add(StreamItem.Event(row, source.TimeMs, source.WatermarkMs, source.Offset));
        }

        return items;
    }
}
