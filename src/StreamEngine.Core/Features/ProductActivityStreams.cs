using System.Reactive.Linq;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>The four product-activity outputs (per SKU or category and country; minute tumbling or hour hopping).</summary>
public sealed class ProductActivityStreams(
    IObservable<StreamItem<ProductActivityRow>> skuMinute,
    IObservable<StreamItem<ProductActivityRow>> skuHour,
    IObservable<StreamItem<ProductActivityRow>> categoryMinute,
    IObservable<StreamItem<ProductActivityRow>> categoryHour)
{
    public IObservable<StreamItem<ProductActivityRow>> SkuMinute { get; } = skuMinute;

    public IObservable<StreamItem<ProductActivityRow>> SkuHour { get; } = skuHour;

    public IObservable<StreamItem<ProductActivityRow>> CategoryMinute { get; } = categoryMinute;

    public IObservable<StreamItem<ProductActivityRow>> CategoryHour { get; } = categoryHour;

    /// <summary>All four merged (one table holds them; each subscribes to the source once).</summary>
    public IObservable<StreamItem<ProductActivityRow>> All => Observable.Merge(SkuMinute, SkuHour, CategoryMinute, CategoryHour);
}
