using System.Runtime.InteropServices;
using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Operators;

/// <summary>
/// Per-key rolling aggregate over the last window of event time, emitted for every event. The window is cut into
/// <c>bucketCount</c> buckets aligned to multiples of size/bucketCount; the value after an event covers the buckets
/// (newest − bucketCount, newest], i.e. between size − bucket and size of history (bucket granularity). Events older than
/// that are counted as late and not emitted. A key's buckets are freed within one window length after the watermark passes its newest bucket + size.
/// </summary>
internal sealed class SlidingAggregateSink<TIn, TKey, TState, TOut, TAggregate> : WindowOperatorSink<TIn, WindowResult<TKey, TOut>>
    where TKey : notnull
    where TAggregate : IWindowAggregate<TIn, TState, TOut>
{
    private readonly Func<TIn, TKey> _keySelector;
    private readonly long _bucketMs, _windowMs;
    private readonly int _bucketCount;
    private readonly IObserver<LateEvent<TIn>>? _lateObserver;
    private readonly Dictionary<TKey, SlidingBuckets<TState>> _keys = [];
    private readonly Stack<SlidingBuckets<TState>> _free = new();
    private TAggregate _aggregate;
    private long _watermarkMs = long.MinValue, _nextSweepMs = long.MinValue;

    public SlidingAggregateSink(
        IObserver<StreamItem<WindowResult<TKey, TOut>>> downstream,
        Func<TIn, TKey> keySelector,
        TAggregate aggregate,
        long windowMs,
        int bucketCount,
        IObserver<LateEvent<TIn>>? lateObserver)
        : base(downstream)
    {
        _keySelector = keySelector;
        _aggregate = aggregate;
        _bucketCount = bucketCount;
        _bucketMs = Math.Max(1, windowMs / bucketCount);
        _windowMs = _bucketMs * bucketCount;
        _lateObserver = lateObserver;
    }

    public override long OldestOpenOffset
    {
        get
        {
            var min = long.MaxValue;
            foreach (var buckets in _keys.Values)
            {
                for (var i = 0; i < buckets.Count; i++)
                {
                    min = Math.Min(min, buckets.Items[i].Entry.MinOffset);
                }
            }

            return min;
        }
    }

    public override int StateCount => _keys.Count;

    protected override void Process(in StreamItem<TIn> item)
    {
        if (item.WatermarkMs > _watermarkMs)
        {
            _watermarkMs = item.WatermarkMs;
            if (_watermarkMs >= _nextSweepMs)
            {
                Sweep();
            }

            if (item.IsPunctuation)
            {
                Downstream.OnNext(StreamItem.Punctuation<WindowResult<TKey, TOut>>(_watermarkMs));
            }
        }

        if (item.IsPunctuation)
        {
            return;
        }

        var key = _keySelector(item.Value);
        var index = EventTime.FloorDiv(item.TimeMs, _bucketMs);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_keys, key, out var exists);
        if (!exists)
        {
            slot = _free.Count > 0 ? _free.Pop() : new SlidingBuckets<TState>(_bucketCount);
        }

        var buckets = slot!;
        ref var bucket = ref Locate(buckets, index, out var isLate);
        if (isLate)
        {
            LateEventCount++;
            _lateObserver?.OnNext(LateEvent.Dropped(item));
            return;
        }

        if (bucket.Entry.Count == 0)
        {
            bucket.Entry.State = _aggregate.Initial();
            bucket.Entry.MinOffset = long.MaxValue;
        }

        _aggregate.Add(ref bucket.Entry.State, item.Value);
        bucket.Entry.Count++;
        bucket.Entry.MinOffset = Math.Min(bucket.Entry.MinOffset, item.Offset);
        Emit(in item, key, buckets);
    }

    protected override void Flush()
    {
        _keys.Clear();
        _free.Clear();
    }

    // The bucket for index: the newest (usual), a new newest (evicting buckets that left the window), or an older one.
    private ref SlidingBucket<TState> Locate(SlidingBuckets<TState> buckets, long index, out bool isLate)
    {
        isLate = false;
        if (buckets.Count == 0 || index > buckets.NewestIndex)
        {
            buckets.EvictUpTo(index - _bucketCount);
            buckets.OlderValid = false;
            return ref buckets.InsertAt(buckets.Count, index);
        }

        if (index == buckets.NewestIndex)
        {
            return ref buckets.Items[buckets.Count - 1];
        }

        if (index <= buckets.NewestIndex - _bucketCount)
        {
            isLate = true;
            return ref buckets.Items[0];
        }

        buckets.OlderValid = false;
        var position = buckets.Count - 1;
        while (position > 0 && buckets.Items[position - 1].Index >= index)
        {
            position--;
        }

        return ref buckets.Items[position].Index == index ? ref buckets.Items[position] : ref buckets.InsertAt(position, index);
    }

    private void Emit(in StreamItem<TIn> item, TKey key, SlidingBuckets<TState> buckets)
    {
        var newest = buckets.Count - 1;
        if (!buckets.OlderValid)
        {
            buckets.Older.State = _aggregate.Initial();
            buckets.Older.Count = 0;
            buckets.Older.MinOffset = long.MaxValue;
            for (var i = 0; i < newest; i++)
            {
                MergeInto(ref buckets.Older, buckets.Items[i].Entry);
            }

            buckets.OlderValid = true;
        }

        // Start from Initial, never from a copy of Older: reference-type states (sketches) would be shared.
        PaneEntry<TState> acc = default;
        acc.State = _aggregate.Initial();
        acc.MinOffset = long.MaxValue;
        MergeInto(ref acc, buckets.Older);
        MergeInto(ref acc, buckets.Items[newest].Entry);
        var newestIndex = buckets.Items[newest].Index;
        var window = new Window((newestIndex - _bucketCount + 1) * _bucketMs, (newestIndex + 1) * _bucketMs);
        var result = new WindowResult<TKey, TOut>(window, key, _aggregate.Result(acc.State), acc.Count, IsUpdate: false);
        Downstream.OnNext(StreamItem.Event(result, item.TimeMs, item.WatermarkMs, acc.MinOffset));
    }

    private void MergeInto(ref PaneEntry<TState> acc, in PaneEntry<TState> entry)
    {
        _aggregate.Merge(ref acc.State, entry.State);
        acc.Count += entry.Count;
        acc.MinOffset = Math.Min(acc.MinOffset, entry.MinOffset);
    }

    // Frees keys whose newest bucket left the window for every event not yet late.
    private void Sweep()
    {
        foreach (var (key, buckets) in _keys)
        {
            if ((buckets.NewestIndex + 1) * _bucketMs + _windowMs <= _watermarkMs)
            {
                _keys.Remove(key);
                buckets.Reset();
                _free.Push(buckets);
            }
        }

        // Once per window of watermark progress: a sweep touches every key (a cache miss each), so sweeping per bucket
        // cost more than the events themselves; an idle key now lingers for at most two window lengths.
        _nextSweepMs = _watermarkMs + _windowMs;
    }
}
