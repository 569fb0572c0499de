using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// The state of an <see cref="OrderedClickSink{TOut}"/>: the events not yet passed by the watermark, in (time, event id,
/// arrival) order, and the watermark in force. Part of its feature's checkpoint: the buffered events come from records
/// before the checkpoint's position, which a restored partition does not feed again.
/// The heap orders slot numbers, not the events: an event is a large struct with references, and moving it on every
/// heap step (with GC write barriers) cost about a tenth of the engine's time with three such buffers (perf profile in
/// benchmarks/README.md). Events stay in their slot from <see cref="Add"/> until they are taken.
/// </summary>
internal sealed class ClickReorderBuffer
{
    private readonly PriorityQueue<int, (long TimeMs, ulong EventId, long Seq)> _queue = new();
    private readonly Stack<int> _freeSlots = new();
    private StreamItem<ClickEvent>[] _slots = new StreamItem<ClickEvent>[64];
    private int _slotsUsed;
    private long _seq;

    /// <summary>Watermark in force (events below it have all been taken).</summary>
    public long WatermarkMs { get; set; } = long.MinValue;

    public int Count => _queue.Count;

    public long OldestOffset
    {
        get
        {
            var min = long.MaxValue;
            foreach (var (slot, _) in _queue.UnorderedItems)
            {
                min = Math.Min(min, _slots[slot].Offset);
            }

            return min;
        }
    }

    public void Add(in StreamItem<ClickEvent> item) => Add(item, _seq++);

    /// <summary>Takes the next event in order if its time is below <paramref name="watermarkMs"/>.</summary>
    public bool TryTakeBefore(long watermarkMs, out StreamItem<ClickEvent> item)
    {
        if (_queue.TryPeek(out var slot, out var priority) && priority.TimeMs < watermarkMs)
        {
            _queue.Dequeue();
            item = _slots[slot];
            _slots[slot] = default; // no references kept to taken events
            _freeSlots.Push(slot);
            return true;
        }

        item = default;
        return false;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(WatermarkMs);
        writer.Write(_seq);
        writer.WriteCount(_queue.Count);
        foreach (var (slot, priority) in _queue.UnorderedItems)
        {
            writer.Write(priority.Seq);
            writer.WriteClickItem(_slots[slot]);
        }
    }

    public void Read(FeatureStateReader reader)
    {
        _queue.Clear();
        _freeSlots.Clear();
        Array.Clear(_slots);
        _slotsUsed = 0;
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

            Add(item, seq);
        }
    }

    private void Add(in StreamItem<ClickEvent> item, long seq)
    {
        if (!_freeSlots.TryPop(out var slot))
        {
            if (_slotsUsed == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            slot = _slotsUsed++;
        }

        _slots[slot] = item;
        _queue.Enqueue(slot, (item.TimeMs, item.Value.EventId, seq));
    }
}
