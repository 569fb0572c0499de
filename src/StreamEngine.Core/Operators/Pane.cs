namespace StreamEngine.Core.Operators;

/// <summary>One pane of a hopping window operator: the per-key states of events in [Index·pane, (Index+1)·pane).</summary>
internal sealed class Pane<TKey, TState>
    where TKey : notnull
{
    public long Index { get; set; }

    /// <summary>Smallest source offset folded into this pane.</summary>
    public long MinOffset { get; set; }

    public Dictionary<TKey, PaneEntry<TState>> Entries { get; } = [];
}
