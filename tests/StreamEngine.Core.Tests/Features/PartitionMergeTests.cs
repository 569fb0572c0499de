using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Features;

namespace StreamEngine.Core.Tests.Features;

/// <summary>
/// Clicks are partitioned by user, so each partition's pipeline writes partial rows; summing the latest rows over
/// partitions (what the documented SQL does) must give the single-stream result, whatever each partition's speed.
/// </summary>
public sealed class PartitionMergeTests
{
    private static readonly FeatureOptions Options = new();

    [Fact]
    public void ProductActivityFunnelAndTrending_SummedOverPartitionsWithDifferentDisorder_EqualOneStream()
    {
        var events = ClickGenerator.Generate(91, users: 200, startMs: 1_700_000_000_000, spanMs: 2 * 3_600_000);
        long[] disorder = [1_000, 60_000, 115_000];
        var converter = new CurrencyConverter(Options);

        var whole = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 1, 1), c => ProductActivity.Build(c, Options, converter, 0).All));
        var parts = Enumerable.Range(0, 3).SelectMany(p => StreamFeed.Events(StreamFeed.Run(
            StreamFeed.Arrange([.. events.Where(e => (int)(e.UserId % 3) == p)], disorder[p], p),
            c => ProductActivity.Build(c, Options, converter, p).All))).ToList();

        var expected = Collapse(whole);
        var actual = Collapse(parts);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, row) in expected)
        {
            Assert.Equal(row.Counts, actual[key].Counts);
            Assert.Equal(row.Registers, actual[key].Registers);
        }

        var funnelWhole = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 1, 1), c => Funnel.Build(c, Options, 0)));
        var funnelParts = Enumerable.Range(0, 3).SelectMany(p => StreamFeed.Events(StreamFeed.Run(
            StreamFeed.Arrange([.. events.Where(e => (int)(e.UserId % 3) == p)], disorder[p], p), c => Funnel.Build(c, Options, p)))).ToList();
        Assert.Equal(SumFunnel(funnelWhole), SumFunnel(funnelParts));

        var trendingWhole = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 1, 1), c => Trending.Build(c, Options, 0)));
        var trendingParts = Enumerable.Range(0, 3).SelectMany(p => StreamFeed.Events(StreamFeed.Run(
            StreamFeed.Arrange([.. events.Where(e => (int)(e.UserId % 3) == p)], disorder[p], p), c => Trending.Build(c, Options, p)))).ToList();
        Assert.Equal(SumTrending(trendingWhole), SumTrending(trendingParts));
    }

    // SELECT ... FROM trending_counts FINAL GROUP BY category, window_start, sku: what the ranking query ranks.
    private static List<(long, string, string, long, long)> SumTrending(List<TrendingCountRow> rows) =>
    [
        .. StreamFeed.Latest(rows, r => (r.WindowStartMs, r.Category, r.Sku, r.Partition), r => r.Version).Values
            .GroupBy(r => (r.WindowStartMs, r.Category, r.Sku))
            .Select(g => (g.Key.WindowStartMs, g.Key.Category, g.Key.Sku, g.Sum(r => r.Views), g.Sum(r => r.Purchases)))
            .Order(),
    ];

    // SELECT ... FROM product_activity FINAL GROUP BY identity-without-partition: sums and maxForEach.
    private static Dictionary<(ActivityDimension, long, string, string, long), (long[] Counts, byte[] Registers)> Collapse(List<ProductActivityRow> rows) =>
        StreamFeed.Latest(rows, r => (r.Dimension, r.WindowSizeMs, r.Key, r.Country, r.WindowStartMs, r.Partition), r => r.Version).Values
            .GroupBy(r => (r.Dimension, r.WindowSizeMs, r.Key, r.Country, r.WindowStartMs))
            .ToDictionary(
                g => g.Key,
                g => (new[] { g.Sum(r => r.Views), g.Sum(r => r.AddToCarts), g.Sum(r => r.Checkouts), g.Sum(r => r.Purchases), g.Sum(r => r.Units), g.Sum(r => r.RevenueMinor), g.Sum(r => r.Version) },
                      MaxForEach(g.Select(r => HyperLogLog.FromSparse(r.VisitorSketch).ToArray()).ToList())));

    private static byte[] MaxForEach(List<byte[]> registers) =>
        Enumerable.Range(0, HyperLogLog.RegisterCount).Select(i => registers.Max(r => r[i])).ToArray();

    private static List<(long, string, long, long, long, long)> SumFunnel(List<FunnelRow> rows) =>
    [
        .. StreamFeed.Latest(rows, r => (r.WindowStartMs, r.Channel, r.Partition), r => r.Version).Values
            .GroupBy(r => (r.WindowStartMs, r.Channel))
            .Select(g => (g.Key.WindowStartMs, g.Key.Channel, g.Sum(r => r.SessionsViewed), g.Sum(r => r.SessionsCarted), g.Sum(r => r.SessionsCheckedOut), g.Sum(r => r.SessionsPurchased)))
            .Order(),
    ];
}
