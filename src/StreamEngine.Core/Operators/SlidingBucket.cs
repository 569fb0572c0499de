namespace StreamEngine.Core.Operators;

/// <summary>Aggregate state of one key's events in one sliding-window bucket [Index·bucket, (Index+1)·bucket).</summary>
internal struct SlidingBucket<TState>
{
    public long Index;
    public PaneEntry<TState> Entry;
}
