using System.Runtime.InteropServices;
using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Operators;

/// <summary>
/// Per-key rolling aggregate over the last window of event time, emitted for every event. The window is cut into
/// <c>bucketCount</c> buckets aligned to multiples of size/bucketCount; the value after an event covers the buckets
/// (newest − bucketCount, newest], i.e. between size − bucket and size of history (bucket granularity). Events older than
/// that are counted as late and not emitted. A key's ring is freed once the watermark passes its newest bucket + size.
/// </summary>
internal sealed class SlidingAggregateSink<TIn, TKey, TState, TOut, TAggregate> : WindowOperatorSink<TIn, WindowResult<TKey, TOut>>
    where TKey : notnull
    where TAggregate : IWindowAggregate<TIn, TState, TOut>
{
    private readonly Func<TIn, TKey> _keySelector;
    private readonly long _bucketMs, _windowMs;
    private readonly int _bucketCount;
    private readonly IObserver<StreamItem<TIn>>? _lateObserver;
    private readonly Dictionary<TKey, SlidingRing<TState>> _rings = [];
    private readonly Stack<SlidingRing<TState>> _freeRings = new();
    private TAggregate _aggregate;
    private long _watermarkMs = long.MinValue, _nextSweepMs = long.MinValue;

    public SlidingAggregateSink(
        IObserver<StreamItem<WindowResult<TKey, TOut>>> downstream,
        Func<TIn, TKey> keySelector,
        TAggregate aggregate,
        long windowMs,
        int bucketCount,
        IObserver<StreamItem<TIn>>? lateObserver)
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
            foreach (var ring in _rings.Values)
            {
                for (var i = 0; i < _bucketCount; i++)
                {
                    if (ring.BucketIndexes[i] > ring.NewestBucket - _bucketCount)
                    {
                        min = Math.Min(min, ring.Buckets[i].MinOffset);
                    }
                }
            }

            return min;
        }
    }

    public override int StateCount => _rings.Count;

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
        var bucket = EventTime.FloorDiv(item.TimeMs, _bucketMs);
        ref var ring = ref CollectionsMarshal.GetValueRefOrAddDefault(_rings, key, out var exists);
        if (!exists)
        {
            ring = RentRing(bucket);
        }
        else if (bucket > ring!.NewestBucket)
        {
            ring.NewestBucket = bucket;
            ring.OlderValid = false;
        }
        else if (bucket <= ring.NewestBucket - _bucketCount)
        {
            LateEventCount++;
            _lateObserver?.OnNext(item);
            return;
        }
        else if (bucket < ring.NewestBucket)
        {
            ring.OlderValid = false;
        }

        var slot = (int)(bucket - (EventTime.FloorDiv(bucket, _bucketCount) * _bucketCount));
        ref var entry = ref ring!.Buckets[slot];
        if (ring.BucketIndexes[slot] != bucket)
        {
            ring.BucketIndexes[slot] = bucket;
            entry.State = _aggregate.Initial();
            entry.Count = 0;
            entry.MinOffset = long.MaxValue;
        }

        _aggregate.Add(ref entry.State, item.Value);
        entry.Count++;
        entry.MinOffset = Math.Min(entry.MinOffset, item.Offset);
        Emit(in item, key, ring);
    }

    protected override void Flush()
    {
        _rings.Clear();
        _freeRings.Clear();
    }

    private void Emit(in StreamItem<TIn> item, TKey key, SlidingRing<TState> ring)
    {
        var newest = ring.NewestBucket;
        if (!ring.OlderValid)
        {
            ring.Older.State = _aggregate.Initial();
            ring.Older.Count = 0;
            ring.Older.MinOffset = long.MaxValue;
            for (var i = 0; i < _bucketCount; i++)
            {
                var index = ring.BucketIndexes[i];
                if (index > newest - _bucketCount && index < newest)
                {
                    MergeInto(ref ring.Older, ring.Buckets[i]);
                }
            }

            ring.OlderValid = true;
        }

        // Start from Initial, never from a copy of Older: reference-type states (sketches) would be shared.
        PaneEntry<TState> acc = default;
        acc.State = _aggregate.Initial();
        acc.MinOffset = long.MaxValue;
        MergeInto(ref acc, ring.Older);
        var newestSlot = (int)(newest - (EventTime.FloorDiv(newest, _bucketCount) * _bucketCount));
        if (ring.BucketIndexes[newestSlot] == newest)
        {
            MergeInto(ref acc, ring.Buckets[newestSlot]);
        }

        var window = new Window((newest - _bucketCount + 1) * _bucketMs, (newest + 1) * _bucketMs);
        var result = new WindowResult<TKey, TOut>(window, key, _aggregate.Result(acc.State), acc.Count, IsUpdate: false);
        Downstream.OnNext(StreamItem.Event(result, item.TimeMs, item.WatermarkMs, acc.MinOffset));
    }

    private void MergeInto(ref PaneEntry<TState> acc, in PaneEntry<TState> entry)
    {
        _aggregate.Merge(ref acc.State, entry.State);
        acc.Count += entry.Count;
        acc.MinOffset = Math.Min(acc.MinOffset, entry.MinOffset);
    }

    private SlidingRing<TState> RentRing(long bucket)
    {
        var ring = _freeRings.Count > 0 ? _freeRings.Pop() : new SlidingRing<TState>(_bucketCount);
        Array.Fill(ring.BucketIndexes, long.MinValue);
        ring.NewestBucket = bucket;
        ring.OlderValid = false;
        return ring;
    }

    // Frees rings whose newest bucket left the window for every event not yet late; runs once per bucket of watermark.
    private void Sweep()
    {
        foreach (var (key, ring) in _rings)
        {
            if ((ring.NewestBucket + 1) * _bucketMs + _windowMs <= _watermarkMs)
            {
                _rings.Remove(key);
                Array.Clear(ring.Buckets);
                ring.Older = default;
                _freeRings.Push(ring);
            }
        }

        _nextSweepMs = _watermarkMs + _bucketMs;
    }
}
