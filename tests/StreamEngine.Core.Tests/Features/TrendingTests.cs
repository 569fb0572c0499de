using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using static StreamEngine.Core.Tests.Features.ClickGenerator;

namespace StreamEngine.Core.Tests.Features;

public sealed class TrendingTests
{
    private static readonly FeatureOptions Options = new() { TrendingTopN = 3 };
    private static readonly long WindowMs = (long)Options.TrendingWindow.TotalMilliseconds;

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    public void ShuffledStreamWithLateEvents_MatchesBruteForceTopNAndRankChanges(int seed)
    {
        var events = Generate(seed, users: 200, startMs: 1_700_000_000_000, spanMs: 2 * 3_600_000, skus: 40);
        var random = new Random(seed);
        var delayed = events.Where(_ => random.Next(100) < 4).Select(e => e.EventId).ToHashSet();
        var feed = StreamFeed.Arrange(events, 60_000, seed, delayed, lateDelayMs: random.Next(2) == 0 ? 60_000 : 600_000);
        var late = new List<ClickEvent>();
        var rows = StreamFeed.Events(StreamFeed.Run(feed, clicks => Trending.Build(clicks, Options, 4, StreamFeed.Collect(late))));

        var lateIds = late.Select(e => e.EventId).ToHashSet();
        Assert.Subset(delayed, lateIds);
        var ranked = events
            .Where(e => e.Type is ClickEventType.ProductView or ClickEventType.Purchase && e.Category is not null && !lateIds.Contains(e.EventId))
            .GroupBy(e => (Start: ReferenceMath.FloorDiv(e.TimeMs, WindowMs) * WindowMs, Category: e.Category!))
            .SelectMany(g => new[] { TrendingMetric.Views, TrendingMetric.Purchases }.Select(metric => (g.Key, Metric: metric, Top: Top(g, metric))))
            .ToDictionary(x => (x.Key.Start, x.Key.Category, x.Metric), x => x.Top);
        var expected = new List<TrendingRow>();
        foreach (var ((start, category, metric), top) in ranked)
        {
            var previous = ranked.GetValueOrDefault((start - WindowMs, category, metric)) ?? [];
            for (var i = 0; i < top.Count; i++)
            {
                var previousRank = previous.FindIndex(p => p.Sku == top[i].Sku) + 1;
                expected.Add(new TrendingRow(start, start + WindowMs, category, metric, i + 1, top[i].Sku, top[i].Score,
                    previousRank, previousRank == 0 ? 0 : previousRank - (i + 1), previousRank == 0, 4, 0));
            }
        }

        var latest = StreamFeed.Latest(rows, r => (r.WindowStartMs, r.Category, r.Metric, r.Rank), r => r.Version).Values
            .Select(r => r with { Version = 0 });
        Assert.Equal(Sort(expected), Sort(latest));
        Assert.Contains(expected, r => r.RankChange != 0);
        Assert.Contains(expected, r => r.IsNew && r.WindowStartMs > expected.Min(x => x.WindowStartMs));
    }

    [Fact]
    public void RankChange_ComparesWithPreviousWindow_AndFlagsNewEntries()
    {
        var w = WindowMs;
        List<ClickEvent> events = [];
        ulong id = 1;
        void Views(long start, string sku, int n)
        {
            for (var i = 0; i < n; i++)
            {
                events.Add(Click(id++, start + i, ClickEventType.ProductView, sku: sku, category: "shoes"));
            }
        }

        Views(0, "a", 5);
        Views(0, "b", 3);
        Views(w, "b", 6);
        Views(w, "a", 2);
        Views(w, "c", 4);
        var rows = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 1, 1), clicks => Trending.Build(clicks, Options, 0)))
            .Where(r => r.WindowStartMs == w).OrderBy(r => r.Rank).ToList();

        Assert.Equal(["b", "c", "a"], rows.Select(r => r.Sku));
        Assert.Equal([1, 0, -2], rows.Select(r => r.RankChange)); // b climbed from 2 to 1; c is new; a fell from 1 to 3
        Assert.Equal([false, true, false], rows.Select(r => r.IsNew));
        Assert.All(rows, r => Assert.Equal(TrendingMetric.Views, r.Metric));
    }

    private static List<(string Sku, long Score)> Top(IEnumerable<ClickEvent> events, TrendingMetric metric) =>
    [
        .. events.Where(e => e.Type == (metric == TrendingMetric.Views ? ClickEventType.ProductView : ClickEventType.Purchase))
            .GroupBy(e => e.Sku!)
            .Select(g => (Sku: g.Key, Score: (long)g.Count()))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Sku, StringComparer.Ordinal)
            .Take(Options.TrendingTopN),
    ];

    private static List<TrendingRow> Sort(IEnumerable<TrendingRow> rows) =>
        [.. rows.OrderBy(r => r.WindowStartMs).ThenBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.Metric).ThenBy(r => r.Rank)];
}
