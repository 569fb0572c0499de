using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Tests.Support;

/// <summary>An aggregate whose Add throws for negative amounts (user-code failure).</summary>
public readonly struct ThrowingAggregate : IWindowAggregate<TestEvent, long, long>
{
    public long Initial() => 0;

    public void Add(ref long state, in TestEvent input) =>
        state += input.Amount >= 0 ? input.Amount : throw new InvalidOperationException("negative amount");

    public void Merge(ref long state, in long other) => state += other;

    public long Result(in long state) => state;
}
