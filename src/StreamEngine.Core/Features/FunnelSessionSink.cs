using System.Runtime.InteropServices;
using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Tracks each session's furthest funnel step in event-time order and emits an advance, stamped with the event's time,
/// whenever a session reaches a new step. A session is a session id with no gap of SessionGap or more between events
/// (the session-window definition); its channel is that of its first event. Idle sessions are freed. All state lives
/// in the <see cref="FunnelSessionStore"/>, which also keeps the advances of the funnel windows still open downstream.
/// </summary>
internal sealed class FunnelSessionSink(
    IObserver<StreamItem<FunnelAdvance>> downstream, FunnelSessionStore store, IObserver<StreamItem<ClickEvent>>? late)
    : OrderedClickSink<FunnelAdvance>(downstream, store.Buffer, late)
{
    private readonly Dictionary<ulong, (long LastMs, FunnelStep Step, string Channel)> _sessions = store.Sessions;
    private readonly long _gapMs = (long)store.Options.SessionGap.TotalMilliseconds;
    private readonly long _windowMs = (long)store.Options.FunnelWindow.TotalMilliseconds;

    protected override int KeyCount => _sessions.Count;

    public static FunnelStep StepOf(ClickEventType type) => type switch
    {
        ClickEventType.ProductView => FunnelStep.View,
        ClickEventType.AddToCart => FunnelStep.Cart,
        ClickEventType.CheckoutStart => FunnelStep.Checkout,
        ClickEventType.Purchase => FunnelStep.Purchase,
        _ => FunnelStep.None,
    };

    protected override void Process(in StreamItem<ClickEvent> item)
    {
        Resume();
        base.Process(item);
    }

    protected override void Flush()
    {
        Resume();
        base.Flush();
    }

    protected override void OnEvent(in StreamItem<ClickEvent> item)
    {
        var e = item.Value;
        ref var session = ref CollectionsMarshal.GetValueRefOrAddDefault(_sessions, e.SessionId, out var exists);
        if (!exists || e.TimeMs - session.LastMs >= _gapMs)
        {
            session = (e.TimeMs, FunnelStep.None, e.Channel);
        }

        session.LastMs = e.TimeMs;
        var step = StepOf(e.Type);
        if (step > session.Step)
        {
            var advance = StreamItem.Event(new FunnelAdvance(session.Channel, session.Step, step), e.TimeMs, WatermarkMs, item.Offset);
            store.OpenAdvances.Enqueue(advance);
            Downstream.OnNext(advance);
            session.Step = step;
        }
    }

    protected override void OnWatermark(long watermarkMs)
    {
        // The funnel window (grace zero) closes every window ending at or before this watermark.
        while (store.OpenAdvances.TryPeek(out var oldest) && (EventTime.FloorDiv(oldest.TimeMs, _windowMs) + 1) * _windowMs <= watermarkMs)
        {
            store.OpenAdvances.Dequeue();
        }

        if (watermarkMs < store.NextSweepMs)
        {
            return;
        }

        store.NextSweepMs = watermarkMs == long.MaxValue ? long.MaxValue : watermarkMs + Math.Max(1, _gapMs / 4);
        foreach (var (id, session) in _sessions)
        {
            if (session.LastMs + _gapMs <= watermarkMs)
            {
                _sessions.Remove(id);
            }
        }
    }

    // A restored store feeds a new, empty funnel window: give it back the watermark and the advances of the windows
    // that were open at the checkpoint, as the previous window held them, before anything new.
    private void Resume()
    {
        if (!store.Resuming)
        {
            return;
        }

        store.Resuming = false;
        if (WatermarkMs is not long.MinValue and not long.MaxValue)
        {
            Downstream.OnNext(StreamItem.Punctuation<FunnelAdvance>(WatermarkMs));
        }

        foreach (var advance in store.OpenAdvances)
        {
            Downstream.OnNext(advance);
        }
    }
}
