using System.Reactive.Linq;
using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Funnel per minute and entry channel: the number of sessions that first reached view, cart, checkout and purchase in
/// that minute. Steps are cumulative (a purchase without a logged checkout also counts as checkout), so each session
/// counts at most once per step and the funnel never widens.
/// </summary>
public static class Funnel
{
    /// <summary>Builds the funnel with a fresh <see cref="FunnelSessionStore"/> per subscription.</summary>
    public static IObservable<StreamItem<FunnelRow>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        FeatureOptions options,
        int partition,
        IObserver<StreamItem<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Observable.Defer(() => Build(clicks, new FunnelSessionStore(options), partition, late));
    }

    /// <summary>
    /// Builds the funnel over one partition's clicks, keeping session state in <paramref name="store"/> (checkpointed by
    /// the caller); events behind the watermark go to <paramref name="late"/>.
    /// </summary>
    public static IObservable<StreamItem<FunnelRow>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        FunnelSessionStore store,
        int partition,
        IObserver<StreamItem<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(store);
        var advances = new WindowOperatorObservable<ClickEvent, FunnelAdvance>(
            clicks,
            downstream =>
            {
                store.Claim();
                return new FunnelSessionSink(downstream, store, late);
            });

        // Advances arrive in event-time order with watermarks below their times, so the window needs no grace.
        return advances
            .TumblingWindow(static a => a.Channel, default(FunnelAggregate), store.Options.FunnelWindow, TimeSpan.Zero)
            .MapEvents(item => new FunnelRow(
                item.Value.Window.StartMs,
                item.Value.Window.EndMs,
                item.Value.Key,
                partition,
                item.Value.Result.Viewed,
                item.Value.Result.Carted,
                item.Value.Result.CheckedOut,
                item.Value.Result.Purchased,
                item.Value.Version));
    }
}
