namespace StreamEngine.Core.Operators;

/// <summary>
/// Per-key ring of time buckets for the sliding aggregate, with a cached merge of the buckets older than the newest
/// one (valid until the newest bucket moves or an older bucket changes), so most events cost one merge.
/// </summary>
internal sealed class SlidingRing<TState>(int bucketCount)
{
    public PaneEntry<TState>[] Buckets { get; } = new PaneEntry<TState>[bucketCount];

    public long[] BucketIndexes { get; } = new long[bucketCount];

    public long NewestBucket { get; set; }

    public PaneEntry<TState> Older;

    public bool OlderValid { get; set; }
}
