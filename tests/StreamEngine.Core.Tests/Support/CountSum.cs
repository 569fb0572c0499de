using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Tests.Support;

public readonly record struct CountSum(long Count, long Sum);

/// <summary>A composed "feature aggregate": count and sum of amounts, built from the Core aggregates.</summary>
public readonly struct CountSumAggregate : IWindowAggregate<TestEvent, CountSum, CountSum>
{
    public CountSum Initial() => default;

    public void Add(ref CountSum state, in TestEvent input)
    {
        var count = state.Count;
        var sum = state.Sum;
        default(CountAggregate<TestEvent>).Add(ref count, input);
        default(SumAggregate).Add(ref sum, input.Amount);
        state = new CountSum(count, sum);
    }

    public void Merge(ref CountSum state, in CountSum other) => state = new CountSum(state.Count + other.Count, state.Sum + other.Sum);

    public CountSum Result(in CountSum state) => state;
}
