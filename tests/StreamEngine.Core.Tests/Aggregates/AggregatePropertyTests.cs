using FsCheck;
using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Tests.Aggregates;

/// <summary>Merge of any split equals folding everything in one state (what panes and sessions rely on).</summary>
public class AggregatePropertyTests
{
    [Fact]
    public void MeanVariance_MergeOfAnySplit_EqualsSequential()
    {
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(-1000, 1000))), Arb.From(Gen.Choose(0, 100)), (values, cut) =>
        {
            var agg = new MeanVarianceAggregate();
            var split = values.Length == 0 ? 0 : cut % (values.Length + 1);
            MeanVarianceState all = default, left = default, right = default;
            for (var i = 0; i < values.Length; i++)
            {
                agg.Add(ref all, values[i]);
                if (i < split)
                {
                    agg.Add(ref left, values[i]);
                }
                else
                {
                    agg.Add(ref right, values[i]);
                }
            }

            agg.Merge(ref left, right);
            Assert.Equal(all.Count, left.Count);
            Assert.Equal(all.Mean, left.Mean, 1e-9);
            Assert.Equal(all.Variance, left.Variance, 1e-6);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MinMax_MergeOfAnySplit_EqualsSequential()
    {
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(-1000, 1000))), Arb.From(Gen.Choose(0, 100)), (values, cut) =>
        {
            var agg = new MinMaxAggregate();
            var split = values.Length == 0 ? 0 : cut % (values.Length + 1);
            var all = agg.Initial();
            var left = agg.Initial();
            var right = agg.Initial();
            for (var i = 0; i < values.Length; i++)
            {
                agg.Add(ref all, values[i]);
                agg.Add(ref i < split ? ref left : ref right, values[i]);
            }

            agg.Merge(ref left, right);
            Assert.Equal(all, left);
        }).QuickCheckThrowOnFailure();
    }
}
