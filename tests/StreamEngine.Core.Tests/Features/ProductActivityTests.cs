using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Features;

public sealed class ProductActivityTests
{
    private const long OutOfOrderMs = 90_000;
    private const ulong U1 = 0x9E3779B97F4A7C15, U2 = 0xC2B2AE3D27D4EB4F, U3 = 0x165667B19E3779F9;
    private static readonly FeatureOptions Options = new();

    public static TheoryData<string, int> Streams => new()
    {
        { "SkuMinute", 11 }, { "SkuHour", 12 }, { "CategoryMinute", 13 }, { "CategoryHour", 14 },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void ShuffledStreamWithLateEvents_MatchesBruteForcePerWindow(string stream, int seed)
    {
        var events = ClickGenerator.Generate(seed, users: 150, startMs: 1_700_000_000_000, spanMs: 3 * 3_600_000);
        var random = new Random(seed);
        var withinGrace = events.Where(_ => random.Next(100) < 3).Select(e => e.EventId).ToHashSet();
        var beyondGrace = events.Where(e => !withinGrace.Contains(e.EventId) && random.Next(100) < 2).Select(e => e.EventId).ToHashSet();
        var arrivals = StreamFeed.Arrange(events, OutOfOrderMs, seed, withinGrace, lateDelayMs: 30_000);
        var partlyLate = events.Where(e => !withinGrace.Contains(e.EventId) && !beyondGrace.Contains(e.EventId) && random.Next(100) < 2)
            .Select(e => e.EventId).ToHashSet();
        var hour = stream.EndsWith("Hour", StringComparison.Ordinal);

        // Beyond-grace events arrive 90 minutes after their time, past the end + grace of even the hour windows; partly
        // late ones (hour windows only) 30 minutes after, when the older half of their hour windows is final.
        var feed = Splice(Splice(arrivals, beyondGrace, 90 * 60_000), hour ? partlyLate : [], 30 * 60_000);
        var sizeMs = hour ? 3_600_000L : 60_000L;
        var hopMs = hour ? 600_000L : 60_000L;
        var bySku = stream.StartsWith("Sku", StringComparison.Ordinal);
        var late = new List<LateEvent<ClickEvent>>();
        var converter = new CurrencyConverter(Options);
        var rows = StreamFeed.Events(StreamFeed.Run(feed, clicks =>
        {
            var streams = ProductActivity.Build(clicks, Options, converter, partition: 3, StreamFeed.CollectLate(late));
            return hour ? (bySku ? streams.SkuHour : streams.CategoryHour) : (bySku ? streams.SkuMinute : streams.CategoryMinute);
        }));

        // Which events must be late, and for how many windows: those of their windows past end + grace when they arrived.
        var graceMs = (long)Options.Grace.TotalMilliseconds;
        var expectedLate = feed
            .Where(a => ProductActivity.IsProductEvent(a.Event) && (bySku ? a.Event.Sku : a.Event.Category) is not null)
            .Select(a => (a.Event.EventId,
                Missed: ReferenceMath.WindowStarts(a.Event.TimeMs, sizeMs, hopMs).Count(start => start + sizeMs + graceMs <= a.WatermarkMs),
                Windows: ReferenceMath.WindowStarts(a.Event.TimeMs, sizeMs, hopMs).Count()))
            .Where(x => x.Missed > 0)
            .Order().ToList();
        Assert.Equal(expectedLate, late.Select(e => (e.Value.EventId, Missed: e.MissedWindows, e.Windows)).Order().ToList());
        Assert.Contains(late, e => e.IsDropped);
        Assert.Equal(hour, late.Exists(e => !e.IsDropped)); // only hopping windows can be missed in part
        Assert.Contains(rows, r => r.Version > 1 && rows.Any(o => o.WindowStartMs == r.WindowStartMs && o.Key == r.Key && o.Country == r.Country && o.Version < r.Version));

        // A hopping window that was already final when an event arrived does not take it (its later windows do).
        var arrivedAt = feed.ToDictionary(a => a.Event.EventId, a => a.WatermarkMs);
        var reference = events
            .Where(e => ProductActivity.IsProductEvent(e) && (bySku ? e.Sku : e.Category) is not null)
            .SelectMany(e => ReferenceMath.WindowStarts(e.TimeMs, sizeMs, hopMs).Where(start => start + sizeMs + graceMs > arrivedAt[e.EventId]).Select(start => (Start: start, Key: (bySku ? e.Sku : e.Category)!, e.Country, Event: e)))
            .GroupBy(x => (x.Start, x.Key, x.Country))
            .ToDictionary(g => g.Key, g => g.Select(x => x.Event).ToList());
        var latest = StreamFeed.Latest(rows, r => (r.WindowStartMs, r.Key, r.Country), r => r.Version);
        Assert.Equal(reference.Keys.Order().ToList(), latest.Keys.Order().ToList());
        foreach (var (key, group) in reference)
        {
            var row = latest[key];
            var sketch = default(HyperLogLog);
            foreach (var e in group)
            {
                sketch.Add(e.UserId);
            }

            Assert.Equal(group.Count, row.Version);
            Assert.Equal(group.Count(e => e.Type == ClickEventType.ProductView), row.Views);
            Assert.Equal(group.Count(e => e.Type == ClickEventType.AddToCart), row.AddToCarts);
            Assert.Equal(group.Count(e => e.Type == ClickEventType.CheckoutStart), row.Checkouts);
            Assert.Equal(group.Count(e => e.Type == ClickEventType.Purchase), row.Purchases);
            Assert.Equal(group.Where(e => e.Type == ClickEventType.Purchase).Sum(e => (long)e.Quantity), row.Units);
            Assert.Equal(group.Where(e => e.Type == ClickEventType.Purchase).Sum(e => ReferenceMath.LineValue(Options, e)), row.RevenueMinor);
            Assert.Equal(sketch.ToSparse(), row.VisitorSketch);
            Assert.Equal(sizeMs, row.WindowSizeMs);
            Assert.Equal(bySku ? ActivityDimension.Sku : ActivityDimension.Category, row.Dimension);
            Assert.Equal(3, row.Partition);
            Assert.Equal(sketch.Estimate(), row.UniqueVisitors);
        }
    }

    [Fact]
    public void Conversions_AreCartsAndPurchasesOverViews_AndZeroWithoutViews()
    {
        var t0 = 1_700_000_000_000 - (1_700_000_000_000 % 60_000);
        List<ClickEvent> events =
        [
            ClickGenerator.Click(1, t0 + 1, ClickEventType.ProductView, user: U1),
            ClickGenerator.Click(2, t0 + 2, ClickEventType.ProductView, user: U2),
            ClickGenerator.Click(3, t0 + 3, ClickEventType.ProductView, user: U3),
            ClickGenerator.Click(4, t0 + 4, ClickEventType.ProductView, user: U3),
            ClickGenerator.Click(5, t0 + 5, ClickEventType.AddToCart, user: U2),
            ClickGenerator.Click(6, t0 + 6, ClickEventType.Purchase, user: U2, quantity: 3, price: 250, currency: "EUR", order: 9),
            ClickGenerator.Click(7, t0 + 60_001, ClickEventType.AddToCart, user: U2),
        ];
        var rows = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 1, 1),
            clicks => ProductActivity.Build(clicks, Options, new CurrencyConverter(Options), 0).SkuMinute));

        var first = Assert.Single(rows, r => r.WindowStartMs == t0);
        Assert.Equal((4L, 1L, 1L, 3L, 810L), (first.Views, first.AddToCarts, first.Purchases, first.Units, first.RevenueMinor));
        Assert.Equal(0.25, first.ViewToCart);
        Assert.Equal(0.25, first.ViewToPurchase);
        Assert.Equal(3, first.UniqueVisitors, 0.01);
        var second = Assert.Single(rows, r => r.WindowStartMs == t0 + 60_000);
        Assert.Equal(0, second.ViewToCart);
    }

    private static List<Arrival> Splice(List<Arrival> arrivals, HashSet<ulong> late, long delayMs)
    {
        // Take the late events out and re-insert each at the first position where the stream's time passed t + delay.
        var kept = arrivals.Where(a => !late.Contains(a.Event.EventId)).ToList();
        var result = new List<Arrival>();
        var pending = arrivals.Where(a => late.Contains(a.Event.EventId)).OrderBy(a => a.Event.TimeMs).ToList();
        var p = 0;
        var max = long.MinValue;
        foreach (var a in kept)
        {
            while (p < pending.Count && pending[p].Event.TimeMs + delayMs <= max)
            {
                result.Add(new Arrival(pending[p].Event, result.Count == 0 ? long.MinValue : result[^1].WatermarkMs, result.Count));
                p++;
            }

            max = Math.Max(max, a.Event.TimeMs);
            result.Add(a with { Offset = result.Count });
        }

        foreach (var rest in pending.Skip(p))
        {
            result.Add(new Arrival(rest.Event, result[^1].WatermarkMs, result.Count));
        }

        return result;
    }
}
