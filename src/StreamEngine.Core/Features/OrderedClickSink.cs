using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Base of the per-user features that need events in event-time order (sessions-so-far, profiles, intent): buffers
/// events until the watermark passes them, then hands them to <see cref="OnEvent"/> sorted by (time, event id), so the
/// result does not depend on arrival order within the allowed out-of-orderness. Events already behind the watermark
/// go to the late observer and are counted (they cannot be placed in order any more). Runs on the consume thread.
/// </summary>
internal abstract class OrderedClickSink<TOut>(IObserver<StreamItem<TOut>> downstream, IObserver<LateEvent<ClickEvent>>? late)
    : WindowOperatorSink<ClickEvent, TOut>(downstream)
{
    private readonly PriorityQueue<StreamItem<ClickEvent>, (long TimeMs, ulong EventId, long Seq)> _buffer = new();
    private long _seq;

    /// <summary>Watermark in force (events below it have all been handed to <see cref="OnEvent"/>).</summary>
    protected long WatermarkMs { get; private set; } = long.MinValue;

    public override long OldestOpenOffset
    {
        get
        {
            var min = long.MaxValue;
            foreach (var (item, _) in _buffer.UnorderedItems)
            {
                min = Math.Min(min, item.Offset);
            }

            return min;
        }
    }

    public override int StateCount => _buffer.Count + KeyCount;

    /// <summary>Number of per-key states the feature holds.</summary>
    protected abstract int KeyCount { get; }

    /// <summary>Handles one event, in event-time order.</summary>
    protected abstract void OnEvent(in StreamItem<ClickEvent> item);

    /// <summary>Called after the events below <paramref name="watermarkMs"/> were handed over; expire state here.</summary>
    protected abstract void OnWatermark(long watermarkMs);

    protected void Emit(TOut value, long timeMs, long offset) =>
        Downstream.OnNext(StreamItem.Event(value, timeMs, WatermarkMs, offset));

    protected override void Process(in StreamItem<ClickEvent> item)
    {
        if (item.WatermarkMs > WatermarkMs)
        {
            Advance(item.WatermarkMs);
        }

        if (item.IsPunctuation)
        {
            return;
        }

        if (item.TimeMs < WatermarkMs)
        {
            LateEventCount++;
            late?.OnNext(LateEvent.Dropped(item));
            return;
        }

        _buffer.Enqueue(item, (item.TimeMs, item.Value.EventId, _seq++));
    }

    protected override void Flush() => Advance(long.MaxValue);

    private void Advance(long watermarkMs)
    {
        while (_buffer.TryPeek(out var next, out var priority) && priority.TimeMs < watermarkMs)
        {
            _buffer.Dequeue();
            OnEvent(next);
        }

        OnWatermark(watermarkMs); // results emitted here still carry the previous watermark, as a window operator's do
        WatermarkMs = watermarkMs;
        if (watermarkMs != long.MaxValue)
        {
            // The end-of-input flush is signalled by OnCompleted, not by an infinite watermark (the window operators
            // flush on completion; HoppingWindowSink at 70b89f2 also fails on a long.MaxValue watermark with no panes).
            Downstream.OnNext(StreamItem.Punctuation<TOut>(watermarkMs));
        }
    }
}
