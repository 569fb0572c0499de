using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Base of the per-user features that need events in event-time order (sessions-so-far, profiles, intent): buffers
/// events until the watermark passes them, then hands them to <see cref="OnEvent"/> sorted by (time, event id), so the
/// result does not depend on arrival order within the allowed out-of-orderness. Events already behind the watermark
/// go to the late observer and are counted (they cannot be placed in order any more). The buffer and watermark live in
/// <paramref name="buffer"/>, part of the feature's checkpointed store. Runs on the consume thread.
/// </summary>
internal abstract class OrderedClickSink<TOut>(
    IObserver<StreamItem<TOut>> downstream, ClickReorderBuffer buffer, IObserver<StreamItem<ClickEvent>>? late)
    : WindowOperatorSink<ClickEvent, TOut>(downstream)
{
    /// <summary>Watermark in force (events below it have all been handed to <see cref="OnEvent"/>).</summary>
    protected long WatermarkMs => buffer.WatermarkMs;

    public override long OldestOpenOffset => buffer.OldestOffset;

    public override int StateCount => buffer.Count + KeyCount;

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
            late?.OnNext(item);
            return;
        }

        buffer.Add(item);
    }

    protected override void Flush() => Advance(long.MaxValue);

    private void Advance(long watermarkMs)
    {
        while (buffer.TryTakeBefore(watermarkMs, out var next))
        {
            OnEvent(next);
        }

        OnWatermark(watermarkMs); // results emitted here still carry the previous watermark, as a window operator's do
        buffer.WatermarkMs = watermarkMs;
        if (watermarkMs != long.MaxValue)
        {
            // The end-of-input flush is signalled by OnCompleted, not by an infinite watermark (the window operators
            // flush on completion; HoppingWindowSink at 70b89f2 also fails on a long.MaxValue watermark with no panes).
            Downstream.OnNext(StreamItem.Punctuation<TOut>(watermarkMs));
        }
    }
}
