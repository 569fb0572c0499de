using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using static StreamEngine.Core.Tests.Features.ClickGenerator;

namespace StreamEngine.Core.Tests.Features;

public sealed class PurchaseIntentTests
{
    private static readonly FeatureOptions Options = new() { IntentThreshold = 3, IntentWindow = TimeSpan.FromMinutes(10) };

    [Theory]
    [InlineData(51)]
    [InlineData(52)]
    [InlineData(53)]
    public void ShuffledStream_MatchesBruteForceSignals(int seed)
    {
        var events = Generate(seed, users: 150, startMs: 1_700_000_000_000, spanMs: 4 * 3_600_000, sessionsPerUser: 4, skus: 12);
        var feed = StreamFeed.Arrange(events, 120_000, seed);
        var late = new List<ClickEvent>();
        var signals = StreamFeed.Events(StreamFeed.Run(feed, clicks => PurchaseIntent.Build(clicks, Options, 1, StreamFeed.Collect(late))));

        Assert.Empty(late);
        var expected = Reference(events, Options.IntentThreshold, (long)Options.IntentWindow.TotalMilliseconds, (long)Options.IntentCooldown.TotalMilliseconds);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), signals.Select(s => (s.UserId, s.Category, s.TimeMs, s.WindowStartMs)).Order());
    }

    [Fact]
    public void Cooldown_AllowsOneSignalPerUserAndCategory_ThenAnotherAfterIt()
    {
        const long m = MinuteMs;
        long[] times = [0, 1 * m, 2 * m, 3 * m, 4 * m, 5 * m, 30 * m, 31 * m, 32 * m, 70 * m, 71 * m, 72 * m];
        var events = times.Select((t, i) => Click((ulong)i + 1, t, ClickEventType.ProductView, category: "toys")).ToList();
        events.Add(Click(99, 4 * m, ClickEventType.ProductView, category: "games"));
        var signals = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 1, 1), clicks => PurchaseIntent.Build(clicks, Options, 0)));

        // Signal at 2m (3 views in 10 min); 3m..32m are within the 60-minute cooldown; 72m is the next.
        Assert.Equal([2 * m, 72 * m], signals.Select(s => s.TimeMs));
        Assert.All(signals, s => Assert.Equal(("toys", 3, 1L), (s.Category, s.Count, s.Version)));
        Assert.Equal(70 * m, signals[1].WindowStartMs);
    }

    [Fact]
    public void PurchaseInCategory_ResetsTheEvidence_AndSpreadOutViewsDoNotSignal()
    {
        const long m = MinuteMs;
        List<ClickEvent> events =
        [
            Click(1, 0, ClickEventType.ProductView),
            Click(2, 1 * m, ClickEventType.Search),
            Click(3, 2 * m, ClickEventType.Purchase, order: 5),
            Click(4, 3 * m, ClickEventType.ProductView),
            Click(5, 20 * m, ClickEventType.ProductView),
            Click(6, 25 * m, ClickEventType.ProductView),
        ];
        Assert.Empty(StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 30_000, 7), clicks => PurchaseIntent.Build(clicks, Options, 0))));

        events.Add(Click(7, 26 * m, ClickEventType.Search));
        var signal = Assert.Single(StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 30_000, 7), clicks => PurchaseIntent.Build(clicks, Options, 0))));
        Assert.Equal((20 * m, 26 * m), (signal.WindowStartMs, signal.TimeMs));
    }

    private static List<(ulong, string, long, long)> Reference(List<ClickEvent> events, int n, long windowMs, long cooldownMs)
    {
        var result = new List<(ulong, string, long, long)>();
        foreach (var g in events.Where(e => e.Category is not null).GroupBy(e => (e.UserId, e.Category!)))
        {
            var ordered = ReferenceMath.Ordered(g);
            long? lastSignal = null;
            for (var i = 0; i < ordered.Count; i++)
            {
                var e = ordered[i];
                if (e.Type is not (ClickEventType.ProductView or ClickEventType.Search))
                {
                    continue;
                }

                var lastPurchase = ordered.Take(i).LastOrDefault(p => p.Type == ClickEventType.Purchase, default).EventId;
                var since = ordered.Take(i + 1).SkipWhile(p => lastPurchase != 0 && p.EventId != lastPurchase).Skip(lastPurchase != 0 ? 1 : 0)
                    .Where(p => p.Type is ClickEventType.ProductView or ClickEventType.Search).ToList();
                var recent = since.TakeLast(n).ToList();
                if (recent.Count == n && e.TimeMs - recent[0].TimeMs < windowMs && (lastSignal is null || e.TimeMs - lastSignal >= cooldownMs))
                {
                    lastSignal = e.TimeMs;
                    result.Add((e.UserId, e.Category!, e.TimeMs, recent[0].TimeMs));
                }
            }
        }

        return result;
    }
}
