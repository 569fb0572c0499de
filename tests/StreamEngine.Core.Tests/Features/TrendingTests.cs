using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using static StreamEngine.Core.Tests.Features.ClickGenerator;

namespace StreamEngine.Core.Tests.Features;

/// <summary>The stream side of trending: exact per-partition counts (the ranking is SQL, tested against ClickHouse).</summary>
public sealed class TrendingTests
{
    private static readonly FeatureOptions Options = new();
    private static readonly long WindowMs = (long)Options.TrendingWindow.TotalMilliseconds;

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    public void ShuffledStreamWithLateEvents_CountsEqualBruteForcePerCategoryProductAndWindow(int seed)
    {
        var events = Generate(seed, users: 200, startMs: 1_700_000_000_000, spanMs: 2 * 3_600_000, skus: 40);
        var random = new Random(seed);
        var delayed = events.Where(_ => random.Next(100) < 4).Select(e => e.EventId).ToHashSet();
        var feed = StreamFeed.Arrange(events, 60_000, seed, delayed, lateDelayMs: random.Next(2) == 0 ? 60_000 : 600_000);
        var late = new List<ClickEvent>();
        var rows = StreamFeed.Events(StreamFeed.Run(feed, clicks => Trending.Build(clicks, Options, 4, StreamFeed.Collect(late))));

        var graceMs = (long)Options.Grace.TotalMilliseconds;
        var expectedLate = feed
            .Where(a => IsCounted(a.Event) && (ReferenceMath.FloorDiv(a.Event.TimeMs, WindowMs) * WindowMs) + WindowMs + graceMs <= a.WatermarkMs)
            .Select(a => a.Event.EventId).Order().ToList();
        Assert.Equal(expectedLate, late.Select(e => e.EventId).Order().ToList());
        var lateIds = late.Select(e => e.EventId).ToHashSet();
        var expected = events
            .Where(e => IsCounted(e) && !lateIds.Contains(e.EventId))
            .GroupBy(e => (Start: ReferenceMath.FloorDiv(e.TimeMs, WindowMs) * WindowMs, Category: e.Category!, Sku: e.Sku!))
            .Select(g => new TrendingCountRow(g.Key.Start, g.Key.Start + WindowMs, g.Key.Category, g.Key.Sku, 4,
                g.LongCount(e => e.Type == ClickEventType.ProductView), g.LongCount(e => e.Type == ClickEventType.Purchase), g.LongCount()))
            .ToList();
        var latest = StreamFeed.Latest(rows, r => (r.WindowStartMs, r.Category, r.Sku), r => r.Version).Values;

        Assert.Equal(Sort(expected), Sort(latest));
        Assert.Contains(expected, r => r.Purchases > 0);
    }

    private static bool IsCounted(ClickEvent e) =>
        e.Type is ClickEventType.ProductView or ClickEventType.Purchase && e.Category is not null && e.Sku is not null;

    private static List<TrendingCountRow> Sort(IEnumerable<TrendingCountRow> rows) =>
        [.. rows.OrderBy(r => r.WindowStartMs).ThenBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.Sku, StringComparer.Ordinal)];
}
