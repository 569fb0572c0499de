using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Features;

/// <summary>Closed sessions: a session window per session id with the configured inactivity gap.</summary>
public static class Sessions
{
    /// <summary>
    /// One row per session when the watermark passes last event + gap; a late event within grace re-emits it (higher
    /// version) and may merge two sessions; later events go to <paramref name="late"/>. With a <paramref name="store"/>
    /// the open sessions are restored from it and saved by it (pass clicks after the checkpoint only).
    /// </summary>
    public static IObservable<StreamItem<SessionRow>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        FeatureOptions options,
        CurrencyConverter converter,
        int partition,
        IObserver<LateEvent<ClickEvent>>? late = null,
        SessionWindowStore<ulong, SessionState>? store = null)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(converter);
        return clicks
            .SessionWindow(static e => e.SessionId, new SessionAggregate(converter), options.SessionGap, options.Grace, late, store)
            .MapEvents(item => ToRow(item.Value, partition));
    }

    /// <summary>A store for <see cref="Build"/>'s sessions, to register with the partition's checkpoint.</summary>
    public static SessionWindowStore<ulong, SessionState> NewStore() => new(UInt64Codec.Instance, SessionStateCodec.Instance);

    internal static SessionRow ToRow(in WindowResult<ulong, SessionState> r, int partition)
    {
        var s = r.Result;
        return new SessionRow(
            r.Key,
            s.UserId,
            partition,
            s.FirstMs,
            s.LastMs,
            s.LastMs - s.FirstMs,
            s.Pages,
            s.ProductViews,
            s.CartAdds,
            s.Purchases > 0,
            s.AbandonedCartMinor,
            s.EntryChannel ?? string.Empty,
            s.Country ?? string.Empty,
            r.Version);
    }
}
