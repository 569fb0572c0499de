namespace StreamEngine.Core.Aggregates;

/// <summary>
/// An aggregate over the events of one key and window (Trill's design, without expression trees). Implementations are
/// structs so the operators' generic code is specialised and inlined; state is a struct updated in place.
/// </summary>
public interface IWindowAggregate<TIn, TState, TOut>
{
    /// <summary>State of an empty window.</summary>
    TState Initial();

    /// <summary>Folds one event into the state.</summary>
    void Add(ref TState state, in TIn input);

    /// <summary>Folds another partial state (for example a pane of a hopping window) into <paramref name="state"/>.</summary>
    void Merge(ref TState state, in TState other);

    /// <summary>The result for a state; must not mutate it, as the window may still receive late events.</summary>
    TOut Result(in TState state);
}
