namespace StreamEngine.Core.Aggregates;

/// <summary>Sum of 64-bit values (money in minor units, units); wraps on overflow like unchecked C#.</summary>
public readonly struct SumAggregate : IWindowAggregate<long, long, long>
{
    public long Initial() => 0;

    public void Add(ref long state, in long input) => state += input;

    public void Merge(ref long state, in long other) => state += other;

    public long Result(in long state) => state;
}
