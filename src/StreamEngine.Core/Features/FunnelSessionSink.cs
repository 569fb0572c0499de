using System.Runtime.InteropServices;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Tracks each session's furthest funnel step in event-time order and emits an advance, stamped with the event's time,
/// whenever a session reaches a new step. A session is a session id with no gap of <c>gapMs</c> or more between events
/// (the session-window definition); its channel is that of its first event. Idle sessions are freed.
/// </summary>
internal sealed class FunnelSessionSink(
    IObserver<StreamItem<FunnelAdvance>> downstream, long gapMs, IObserver<LateEvent<ClickEvent>>? late)
    : OrderedClickSink<FunnelAdvance>(downstream, late)
{
    private readonly Dictionary<ulong, (long LastMs, FunnelStep Step, string Channel)> _sessions = [];
    private long _nextSweepMs = long.MinValue;

    protected override int KeyCount => _sessions.Count;

    public static FunnelStep StepOf(ClickEventType type) => type switch
    {
        ClickEventType.ProductView => FunnelStep.View,
        ClickEventType.AddToCart => FunnelStep.Cart,
        ClickEventType.CheckoutStart => FunnelStep.Checkout,
        ClickEventType.Purchase => FunnelStep.Purchase,
        _ => FunnelStep.None,
    };

    protected override void OnEvent(in StreamItem<ClickEvent> item)
    {
        var e = item.Value;
        ref var session = ref CollectionsMarshal.GetValueRefOrAddDefault(_sessions, e.SessionId, out var exists);
        if (!exists || e.TimeMs - session.LastMs >= gapMs)
        {
            session = (e.TimeMs, FunnelStep.None, e.Channel);
        }

        session.LastMs = e.TimeMs;
        var step = StepOf(e.Type);
        if (step > session.Step)
        {
            Emit(new FunnelAdvance(session.Channel, session.Step, step), e.TimeMs, item.Offset);
            session.Step = step;
        }
    }

    protected override void OnWatermark(long watermarkMs)
    {
        if (watermarkMs < _nextSweepMs)
        {
            return;
        }

        _nextSweepMs = watermarkMs == long.MaxValue ? long.MaxValue : watermarkMs + Math.Max(1, gapMs / 4);
        foreach (var (id, session) in _sessions)
        {
            if (session.LastMs + gapMs <= watermarkMs)
            {
                _sessions.Remove(id);
            }
        }
    }
}
