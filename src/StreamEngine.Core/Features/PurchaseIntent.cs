using System.Reactive.Linq;
using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Purchase intent: a user who views products of, or searches in, one category <see cref="FeatureOptions.IntentThreshold"/>
/// times within <see cref="FeatureOptions.IntentWindow"/> without buying in that category since; at most one signal per
/// user and category per <see cref="FeatureOptions.IntentCooldown"/>.
/// </summary>
public static class PurchaseIntent
{
    /// <summary>Builds the signals with a fresh <see cref="PurchaseIntentStore"/> per subscription.</summary>
    public static IObservable<StreamItem<IntentSignal>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        FeatureOptions options,
        int partition,
        IObserver<StreamItem<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Observable.Defer(() => Build(clicks, new PurchaseIntentStore(options), partition, late));
    }

    /// <summary>
    /// Signals for one partition's clicks (keyed by user), keeping the evidence in <paramref name="store"/> (checkpointed
    /// by the caller); events behind the watermark go to <paramref name="late"/>.
    /// </summary>
    public static IObservable<StreamItem<IntentSignal>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        PurchaseIntentStore store,
        int partition,
        IObserver<StreamItem<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(store);
        return new WindowOperatorObservable<ClickEvent, IntentSignal>(
            clicks,
            downstream =>
            {
                store.Claim();
                return new PurchaseIntentSink(downstream, store, partition, late);
            });
    }
}
