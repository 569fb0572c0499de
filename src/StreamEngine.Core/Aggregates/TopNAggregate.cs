namespace StreamEngine.Core.Aggregates;

/// <summary>
/// The N best keys by score (each key counted with its highest score), best first. Exact: a key evicted from the heap
/// was beaten by N keys whose scores can only grow, so it can never re-enter. Feed it per-key window results (for
/// example product view counts) to rank trending products.
/// </summary>
public readonly struct TopNAggregate<TKey>(int n) : IWindowAggregate<ScoredKey<TKey>, TopNState<TKey>, ScoredKey<TKey>[]>
    where TKey : IComparable<TKey>
{
    public int N { get; } = n > 0 ? n : throw new ArgumentOutOfRangeException(nameof(n), n, "N must be positive.");

    public TopNState<TKey> Initial() => default;

    public void Add(ref TopNState<TKey> state, in ScoredKey<TKey> input) => state.Add(N, input.Key, input.Score);

    public void Merge(ref TopNState<TKey> state, in TopNState<TKey> other) => state.Merge(N, other);

    public ScoredKey<TKey>[] Result(in TopNState<TKey> state) => state.ToSortedArray();
}
