using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Tests.Aggregates;

public class TopNAggregateTests
{
    private static ScoredKey<int>[] Reference(IEnumerable<ScoredKey<int>> inputs, int n) =>
        inputs.GroupBy(i => i.Key)
            .Select(g => new ScoredKey<int>(g.Key, g.Max(i => i.Score)))
            .OrderByDescending(i => i.Score).ThenBy(i => i.Key)
            .Take(n).ToArray();

    [Fact]
    public void Add_KeepsTheBestN_BestFirst_TiesByKey()
    {
        var agg = new TopNAggregate<int>(3);
        var state = agg.Initial();
        foreach (var (k, s) in new[] { (1, 10L), (2, 30L), (3, 20L), (4, 30L), (5, 5L) })
        {
            agg.Add(ref state, new ScoredKey<int>(k, s));
        }

        Assert.Equal([new(2, 30), new(4, 30), new(3, 20)], agg.Result(state));
    }

    [Fact]
    public void RepeatedKey_KeepsItsHighestScoreOnce()
    {
        var agg = new TopNAggregate<int>(2);
        var state = agg.Initial();
        agg.Add(ref state, new ScoredKey<int>(1, 5));
        agg.Add(ref state, new ScoredKey<int>(1, 50));
        agg.Add(ref state, new ScoredKey<int>(1, 7));
        agg.Add(ref state, new ScoredKey<int>(2, 6));
        Assert.Equal([new(1, 50), new(2, 6)], agg.Result(state));
    }

    [Fact]
    public void RandomInputs_AddAndMerge_EqualBruteForce()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(1, 8);
            var inputs = Enumerable.Range(0, random.Next(0, 60))
                .Select(_ => new ScoredKey<int>(random.Next(20), random.Next(10)))
                .ToArray();
            var agg = new TopNAggregate<int>(n);
            var split = random.Next(inputs.Length + 1);
            var left = agg.Initial();
            var right = agg.Initial();
            foreach (var i in inputs[..split])
            {
                agg.Add(ref left, i);
            }

            foreach (var i in inputs[split..])
            {
                agg.Add(ref right, i);
            }

            agg.Merge(ref left, right);
            Assert.Equal(Reference(inputs, n), agg.Result(left));
        }
    }

    [Fact]
    public void Initial_IsEmpty_AndNMustBePositive()
    {
        var agg = new TopNAggregate<string>(5);
        Assert.Empty(agg.Result(agg.Initial()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopNAggregate<string>(0));
    }
}
