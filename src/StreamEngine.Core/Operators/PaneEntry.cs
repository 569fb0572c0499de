namespace StreamEngine.Core.Operators;

/// <summary>Aggregate state of one key (in a pane, window or session) with its event count and smallest source offset.</summary>
internal struct PaneEntry<TState>
{
    public TState State;
    public long Count;
    public long MinOffset;
}
