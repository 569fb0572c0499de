namespace StreamEngine.Core.Aggregates;

/// <summary>Minimum and maximum of 64-bit values (with their count, so an empty window is recognisable).</summary>
public readonly struct MinMaxAggregate : IWindowAggregate<long, MinMaxState, MinMaxState>
{
    public MinMaxState Initial() => MinMaxState.Empty;

    public void Add(ref MinMaxState state, in long input) =>
        state = new MinMaxState(state.Count + 1, Math.Min(state.Min, input), Math.Max(state.Max, input));

    public void Merge(ref MinMaxState state, in MinMaxState other) =>
        state = new MinMaxState(state.Count + other.Count, Math.Min(state.Min, other.Min), Math.Max(state.Max, other.Max));

    public MinMaxState Result(in MinMaxState state) => state;
}
