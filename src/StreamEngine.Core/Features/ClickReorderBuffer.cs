using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// The state of an <see cref="OrderedClickSink{TOut}"/>: the events not yet passed by the watermark, in (time, event id,
/// arrival) order, and the watermark in force. Part of its feature's checkpoint: the buffered events come from records
/// before the checkpoint's position, which a restored partition does not feed again.
/// </summary>
internal sealed class ClickReorderBuffer
{
    private readonly PriorityQueue<StreamItem<ClickEvent>, (long TimeMs, ulong EventId, long Seq)> _queue = new();
    private long _seq;

    /// <summary>Watermark in force (events below it have all been taken).</summary>
    public long WatermarkMs { get; set; } = long.MinValue;

    public int Count => _queue.Count;

    public long OldestOffset
    {
        get
        {
            var min = long.MaxValue;
            foreach (var (item, _) in _queue.UnorderedItems)
            {
                min = Math.Min(min, item.Offset);
            }

            return min;
        }
    }

    public void Add(in StreamItem<ClickEvent> item) => _queue.Enqueue(item, (item.TimeMs, item.Value.EventId, _seq++));

    /// <summary>Takes the next event in order if its time is below <paramref name="watermarkMs"/>.</summary>
    public bool TryTakeBefore(long watermarkMs, out StreamItem<ClickEvent> item)
    {
        if (_queue.TryPeek(out item, out var priority) && priority.TimeMs < watermarkMs)
        {
            _queue.Dequeue();
            return true;
        }

        return false;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(WatermarkMs);
        writer.Write(_seq);
        writer.WriteCount(_queue.Count);
        foreach (var (item, priority) in _queue.UnorderedItems)
        {
            writer.Write(priority.Seq);
            writer.WriteClickItem(item);
        }
    }

    public void Read(FeatureStateReader reader)
    {
        _queue.Clear();
        WatermarkMs = reader.ReadInt64();
        _seq = reader.ReadInt64();
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var seq = reader.ReadInt64();
            var item = reader.ReadClickItem();
            if (seq < 0 || seq >= _seq || item.TimeMs < WatermarkMs)
            {
                // Buffered events are below the arrival counter and at or after the watermark (earlier ones are late).
                throw new InvalidDataException($"Buffered event {i} (seq {seq}, time {item.TimeMs}) is impossible with seq {_seq} and watermark {WatermarkMs}.");
            }

            _queue.Enqueue(item, (item.TimeMs, item.Value.EventId, seq));
        }
    }
}
