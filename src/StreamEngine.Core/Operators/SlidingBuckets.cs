namespace StreamEngine.Core.Operators;

/// <summary>
/// One key's non-empty time buckets of a sliding aggregate, ascending, at most bucketCount of them (the array grows
/// 2 → 8 → bucketCount, so a key with few events in its window costs a few dozen bytes, not a full ring), plus a cached merge of
/// all but the newest bucket, valid until the newest bucket moves or an older one changes: most events cost one merge.
/// </summary>
internal sealed class SlidingBuckets<TState>(int capacityLimit)
{
    private readonly int _capacityLimit = capacityLimit; // at most bucketCount buckets are ever live

    public SlidingBucket<TState>[] Items { get; private set; } = new SlidingBucket<TState>[2];

    public int Count { get; private set; }

    public PaneEntry<TState> Older;

    public bool OlderValid { get; set; }

    public long NewestIndex => Items[Count - 1].Index;

    /// <summary>Drops buckets with index &lt;= <paramref name="oldestExcluded"/>.</summary>
    public void EvictUpTo(long oldestExcluded)
    {
        var drop = 0;
        while (drop < Count && Items[drop].Index <= oldestExcluded)
        {
            drop++;
        }

        if (drop > 0)
        {
            Array.Copy(Items, drop, Items, 0, Count - drop);
            Array.Clear(Items, Count - drop, drop);
            Count -= drop;
        }
    }

    /// <summary>Inserts an empty bucket at <paramref name="position"/> and returns it.</summary>
    public ref SlidingBucket<TState> InsertAt(int position, long index)
    {
        if (Count == Items.Length)
        {
            var grown = new SlidingBucket<TState>[Math.Min(Items.Length < 8 ? 8 : _capacityLimit, _capacityLimit)];
            Array.Copy(Items, grown, Count);
            Items = grown;
        }

        Array.Copy(Items, position, Items, position + 1, Count - position);
        Count++;
        ref var bucket = ref Items[position];
        bucket = default;
        bucket.Index = index;
        return ref bucket;
    }

    public void Reset()
    {
        Array.Clear(Items, 0, Count);
        Count = 0;
        Older = default;
        OlderValid = false;
    }
}
