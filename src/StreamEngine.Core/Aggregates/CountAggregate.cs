namespace StreamEngine.Core.Aggregates;

/// <summary>Number of events.</summary>
public readonly struct CountAggregate<TIn> : IWindowAggregate<TIn, long, long>
{
    public long Initial() => 0;

    public void Add(ref long state, in TIn input) => state++;

    public void Merge(ref long state, in long other) => state += other;

    public long Result(in long state) => state;
}
