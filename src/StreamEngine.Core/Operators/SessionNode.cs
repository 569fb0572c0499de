namespace StreamEngine.Core.Operators;

/// <summary>One session of one key, stored by value in the session operator's node pool (no allocation per session).</summary>
internal struct SessionNode<TKey, TState>
{
    public TKey Key;
    public PaneEntry<TState> Entry;
    public long StartMs;
    public long EndMs;            // last event + gap, excluded
    public long QueuedDeadlineMs; // priority of this node's one live queue entry
    public int Next;              // next session of the same key (ascending start), or next free node; -1 ends
    public int Generation;        // bumped when the node is freed, so stale queue entries are skipped
    public bool InUse;
    public bool Fired;            // emitted for its current extent; the next deadline is End + grace (free)
    public bool Emitted;          // emitted at least once: later emissions are updates
}
