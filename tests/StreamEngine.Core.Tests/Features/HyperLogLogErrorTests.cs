using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using Xunit.Abstractions;

namespace StreamEngine.Core.Tests.Features;

/// <summary>Unique-visitor error of the 1024-register sketch against exact counts (the figures quoted in docs/features.md).</summary>
public sealed class HyperLogLogErrorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(100, 0.03)]
    [InlineData(1_000, 0.04)]
    [InlineData(10_000, 0.045)]
    [InlineData(100_000, 0.045)]
    public void RelativeError_OverManyTrials_StaysNearTheStandardError(int distinct, double maxRmse)
    {
        const int trials = 40;
        var random = new Random(distinct);
        double sumSquares = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var sketch = default(HyperLogLog);
            for (var i = 0; i < distinct; i++)
            {
                sketch.Add((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));
            }

            var relative = (sketch.Estimate() - distinct) / distinct;
            sumSquares += relative * relative;
        }

        var rmse = Math.Sqrt(sumSquares / trials);
        output.WriteLine($"distinct={distinct} trials={trials} rmse={rmse:P2}");
        Assert.InRange(rmse, 0.0001, maxRmse); // standard error 1.04/√1024 = 3.25 %; linear counting is tighter below 2.5k
    }

    [Fact]
    public void VisitorsMergedAcrossWindows_EqualTheSketchOfAllVisitors()
    {
        // The SQL merge (maxForEach over register arrays) is the register-wise max: merging the minute rows of an hour
        // must give exactly the sketch of the hour's visitors.
        var events = ClickGenerator.Generate(81, users: 400, startMs: 0, spanMs: 3_600_000);
        var options = new FeatureOptions();
        var rows = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 1, 1),
            clicks => ProductActivity.Build(clicks, options, new CurrencyConverter(options), 0).CategoryMinute));
        var merged = new byte[HyperLogLog.RegisterCount];
        foreach (var row in rows.Where(r => r.Key == "cat2" && r.Country == "US"))
        {
            var registers = HyperLogLog.FromSparse(row.VisitorSketch).ToArray();
            for (var i = 0; i < merged.Length; i++)
            {
                merged[i] = Math.Max(merged[i], registers[i]);
            }
        }

        var exact = default(HyperLogLog);
        var visitors = events.Where(e => ProductActivity.IsProductEvent(e) && e.Category == "cat2" && e.Country == "US").Select(e => e.UserId).ToList();
        foreach (var visitor in visitors)
        {
            exact.Add(visitor); // not ForEach(exact.Add): a method group on a struct would add to a boxed copy
        }

        Assert.Equal(exact.ToArray(), merged);
        Assert.InRange(HyperLogLog.Estimate(merged), visitors.Distinct().Count() * 0.9, visitors.Distinct().Count() * 1.1);
    }
}
