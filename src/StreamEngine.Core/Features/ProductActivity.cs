using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Features;

/// <summary>
/// Product activity per (SKU, country) and (category, country): 1-minute tumbling and 1-hour hopping windows (hop
/// <see cref="FeatureOptions.ActivityHourHop"/>) of views, unique visitors, carts, checkouts, purchases, units, revenue.
/// </summary>
public static class ProductActivity
{
    /// <summary>
    /// Builds the four outputs over one partition's clicks. Each output subscribes to <paramref name="clicks"/> on its
    /// own, so pass a shared (published) source. Late events beyond grace go to <paramref name="late"/> (once per output).
    /// </summary>
    public static ProductActivityStreams Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        FeatureOptions options,
        CurrencyConverter converter,
        int partition,
        IObserver<LateEvent<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(converter);
        var aggregate = new ProductActivityRowAggregate(converter); // results become rows at once: no sketch clone
        var bySku = clicks.Keep(static e => IsProductEvent(e) && e.Sku is not null);
        var byCategory = clicks.Keep(static e => IsProductEvent(e) && e.Category is not null);
        static (string, string) SkuKey(ClickEvent e) => (e.Sku!, e.Country);
        static (string, string) CategoryKey(ClickEvent e) => (e.Category!, e.Country);

        return new ProductActivityStreams(
            Rows(bySku.TumblingWindow(SkuKey, aggregate, options.ActivityMinuteWindow, options.Grace, late), ActivityDimension.Sku, partition),
            Rows(bySku.HoppingWindow(SkuKey, aggregate, options.ActivityHourWindow, options.ActivityHourHop, options.Grace, late), ActivityDimension.Sku, partition),
            Rows(byCategory.TumblingWindow(CategoryKey, aggregate, options.ActivityMinuteWindow, options.Grace, late), ActivityDimension.Category, partition),
            Rows(byCategory.HoppingWindow(CategoryKey, aggregate, options.ActivityHourWindow, options.ActivityHourHop, options.Grace, late), ActivityDimension.Category, partition));
    }

    /// <summary>Event types counted by product activity (page views and searches carry no product).</summary>
    public static bool IsProductEvent(in ClickEvent e) =>
        e.Type is ClickEventType.ProductView or ClickEventType.AddToCart or ClickEventType.CheckoutStart or ClickEventType.Purchase;

    internal static ProductActivityRow ToRow(in WindowResult<(string, string), ProductActivityState> r, ActivityDimension dimension, int partition)
    {
        var s = r.Result;
        return new ProductActivityRow(
            r.Window.StartMs,
            r.Window.EndMs,
            r.Window.SizeMs,
            dimension,
            r.Key.Item1,
            r.Key.Item2,
            partition,
            s.Views,
            s.Visitors.Estimate(),
            s.Visitors.ToSparse(),
            s.AddToCarts,
            s.Checkouts,
            s.Purchases,
            s.Units,
            s.RevenueMinor,
            FeatureStreamExtensions.Ratio(s.AddToCarts, s.Views),
            FeatureStreamExtensions.Ratio(s.Purchases, s.Views),
            r.Version);
    }

    private static IObservable<StreamItem<ProductActivityRow>> Rows(
        IObservable<StreamItem<WindowResult<(string, string), ProductActivityState>>> results, ActivityDimension dimension, int partition) =>
        results.MapEvents(item => ToRow(item.Value, dimension, partition));
}
