namespace StreamEngine.Core.Aggregates;

/// <summary>
/// Bounded min-heap of at most N (key, score) pairs, one entry per key with its highest score; the root is the worst
/// entry (lowest score, then largest key), so a better candidate replaces it in O(log N). Arrays are allocated on the
/// first Add; N is small (tens), so finding an existing key is a linear scan.
/// </summary>
public struct TopNState<TKey>
    where TKey : IComparable<TKey>
{
    private TKey[]? _keys;
    private long[]? _scores;

    /// <summary>Number of entries held (at most N).</summary>
    public int Count { get; private set; }

    /// <summary>Offers a candidate; keeps the key's highest score; evicts the worst entry when full.</summary>
    public void Add(int capacity, TKey key, long score)
    {
        _keys ??= new TKey[capacity];
        _scores ??= new long[capacity];
        if (Count == _keys.Length && !IsWorse(_keys[0], _scores[0], key, score))
        {
            return; // no better than the worst held: rejected, or its key already holds at least this score
        }

        for (var i = 0; i < Count; i++)
        {
            if (_keys[i].CompareTo(key) == 0)
            {
                if (score > _scores[i])
                {
                    _scores[i] = score;
                    SiftDown(i);
                }

                return;
            }
        }

        if (Count < _keys.Length)
        {
            _keys[Count] = key;
            _scores[Count] = score;
            Count++;
            SiftUp(Count - 1);
        }
        else if (Count > 0 && IsWorse(_keys[0], _scores[0], key, score))
        {
            _keys[0] = key;
            _scores[0] = score;
            SiftDown(0);
        }
    }

    /// <summary>Offers every entry of <paramref name="other"/>.</summary>
    public void Merge(int capacity, in TopNState<TKey> other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Add(capacity, other._keys![i], other._scores![i]);
        }
    }

    /// <summary>The entries, best first (highest score, ties by ascending key).</summary>
    public readonly ScoredKey<TKey>[] ToSortedArray()
    {
        var result = new ScoredKey<TKey>[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = new ScoredKey<TKey>(_keys![i], _scores![i]);
        }

        Array.Sort(result, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Key.CompareTo(b.Key));
        return result;
    }

    // a is worse than b: lower score, or the same score and a larger key.
    private static bool IsWorse(TKey aKey, long aScore, TKey bKey, long bScore) =>
        aScore < bScore || (aScore == bScore && aKey.CompareTo(bKey) > 0);

    private readonly void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!IsWorse(_keys![i], _scores![i], _keys[parent], _scores[parent]))
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private readonly void SiftDown(int i)
    {
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < Count && IsWorse(_keys![left], _scores![left], _keys[worst], _scores[worst]))
            {
                worst = left;
            }

            if (right < Count && IsWorse(_keys![right], _scores![right], _keys[worst], _scores[worst]))
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_keys![a], _keys[b]) = (_keys[b], _keys[a]);
        (_scores![a], _scores[b]) = (_scores[b], _scores[a]);
    }
}
