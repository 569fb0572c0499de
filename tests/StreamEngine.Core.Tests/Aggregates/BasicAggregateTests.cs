using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Tests.Aggregates;

public class BasicAggregateTests
{
    private static readonly long[] Values = [5, -3, 12, 7, 0, 7, -20, 44];

    private static TState Fold<TIn, TState, TOut, TAgg>(TAgg agg, IEnumerable<TIn> values)
        where TAgg : IWindowAggregate<TIn, TState, TOut>
    {
        var state = agg.Initial();
        foreach (var v in values)
        {
            agg.Add(ref state, v);
        }

        return state;
    }

    [Fact]
    public void Count_AddMergeResult()
    {
        var agg = new CountAggregate<string>();
        var a = Fold<string, long, long, CountAggregate<string>>(agg, ["x", "y", "z"]);
        var b = Fold<string, long, long, CountAggregate<string>>(agg, ["w"]);
        Assert.Equal(0, agg.Result(agg.Initial()));
        Assert.Equal(3, agg.Result(a));
        agg.Merge(ref a, b);
        Assert.Equal(4, agg.Result(a));
    }

    [Fact]
    public void Sum_AddMergeResult()
    {
        var agg = new SumAggregate();
        var a = Fold<long, long, long, SumAggregate>(agg, Values[..4]);
        var b = Fold<long, long, long, SumAggregate>(agg, Values[4..]);
        Assert.Equal(Values[..4].Sum(), agg.Result(a));
        agg.Merge(ref a, b);
        Assert.Equal(Values.Sum(), agg.Result(a)); // Trill once shipped a Sum written as a subtraction
    }

    [Fact]
    public void MinMax_AddMergeResult_AndEmptyIsRecognisable()
    {
        var agg = new MinMaxAggregate();
        Assert.Equal(0, agg.Result(agg.Initial()).Count);
        var a = Fold<long, MinMaxState, MinMaxState, MinMaxAggregate>(agg, Values[..3]);
        var b = Fold<long, MinMaxState, MinMaxState, MinMaxAggregate>(agg, Values[3..]);
        Assert.Equal(new MinMaxState(3, -3, 12), agg.Result(a));
        var empty = agg.Initial();
        agg.Merge(ref a, empty);
        agg.Merge(ref a, b);
        Assert.Equal(new MinMaxState(Values.Length, Values.Min(), Values.Max()), agg.Result(a));
    }

    [Fact]
    public void MeanVariance_MatchesTwoPassFormula_AndMergeEqualsSequential()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 1000).Select(_ => 1e6 + (random.NextDouble() * 10)).ToArray();
        var agg = new MeanVarianceAggregate();
        var all = Fold<double, MeanVarianceState, MeanVarianceState, MeanVarianceAggregate>(agg, values);
        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Sum() / values.Length;
        Assert.Equal(mean, agg.Result(all).Mean, 1e-6);
        Assert.Equal(variance, agg.Result(all).Variance, 1e-6);
        Assert.Equal(variance * values.Length / (values.Length - 1), all.SampleVariance, 1e-6);

        var left = Fold<double, MeanVarianceState, MeanVarianceState, MeanVarianceAggregate>(agg, values[..300]);
        var right = Fold<double, MeanVarianceState, MeanVarianceState, MeanVarianceAggregate>(agg, values[300..]);
        agg.Merge(ref left, right);
        Assert.Equal(all.Count, left.Count);
        Assert.Equal(all.Mean, left.Mean, 1e-6);
        Assert.Equal(all.Variance, left.Variance, 1e-6);

        var empty = agg.Initial();
        agg.Merge(ref empty, right);
        Assert.Equal(right, empty);
        Assert.Equal(0, agg.Initial().Variance);
    }
}
