using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using static StreamEngine.Core.Tests.Features.ClickGenerator;

namespace StreamEngine.Core.Tests.Features;

public sealed class FunnelTests
{
    private static readonly FeatureOptions Options = new();

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void ShuffledStream_MatchesBruteForceFirstReachPerMinuteAndChannel(int seed)
    {
        var events = Generate(seed, users: 150, startMs: 1_700_000_000_000, spanMs: 4 * 3_600_000);
        var random = new Random(seed);
        var delayed = events.Where(_ => random.Next(100) < 2).Select(e => e.EventId).ToHashSet();
        var feed = StreamFeed.Arrange(events, 45_000, seed, delayed, lateDelayMs: 60_000);
        var late = new List<ClickEvent>();
        var rows = StreamFeed.Events(StreamFeed.Run(feed, clicks => Funnel.Build(clicks, Options, 2, StreamFeed.Collect(late))));

        // The ordered features cannot place an event behind the watermark: exactly those are late.
        Assert.Equal(
            feed.Where(a => a.Event.TimeMs < a.WatermarkMs).Select(a => a.Event.EventId).Order(),
            late.Select(e => e.EventId).Order());
        Assert.NotEmpty(late);
        var lateIds = late.Select(e => e.EventId).ToHashSet();

        var expected = new Dictionary<(long, string), long[]>();
        foreach (var group in events.Where(e => !lateIds.Contains(e.EventId)).GroupBy(e => e.SessionId))
        {
            foreach (var session in ReferenceMath.SplitSessions(ReferenceMath.Ordered(group), (long)Options.SessionGap.TotalMilliseconds))
            {
                var reached = 0;
                foreach (var e in session)
                {
                    var step = e.Type switch
                    {
                        ClickEventType.ProductView => 1,
                        ClickEventType.AddToCart => 2,
                        ClickEventType.CheckoutStart => 3,
                        ClickEventType.Purchase => 4,
                        _ => 0,
                    };
                    for (var s = reached + 1; s <= step; s++)
                    {
                        var key = (ReferenceMath.FloorDiv(e.TimeMs, MinuteMs) * MinuteMs, session[0].Channel);
                        expected.TryAdd(key, new long[5]);
                        expected[key][s]++;
                        expected[key][0] += s == reached + 1 ? 1 : 0; // advances (the row version)
                    }

                    reached = Math.Max(reached, step);
                }
            }
        }

        var latest = StreamFeed.Latest(rows, r => (r.WindowStartMs, r.Channel), r => r.Version);
        Assert.Equal(expected.Keys.Order(), latest.Keys.Order());
        foreach (var (key, counts) in expected)
        {
            var row = latest[key];
            Assert.Equal(counts, new[] { row.Version, row.SessionsViewed, row.SessionsCarted, row.SessionsCheckedOut, row.SessionsPurchased });
            Assert.True(row.SessionsViewed >= 0 && row.WindowEndMs - row.WindowStartMs == MinuteMs && row.Partition == 2);
        }
    }

    [Fact]
    public void PurchaseWithoutEarlierSteps_CountsEveryStepOnce_InTheMinuteOfThePurchase()
    {
        Arrival[] feed =
        [
            new(Click(1, 10_000, ClickEventType.PageView, channel: "email"), long.MinValue, 0),
            new(Click(2, 70_000, ClickEventType.Purchase, channel: "ads", order: 1), 0, 1),
            new(Click(3, 80_000, ClickEventType.ProductView, channel: "ads"), 0, 2),
        ];
        var row = Assert.Single(StreamFeed.Events(StreamFeed.Run(feed, clicks => Funnel.Build(clicks, Options, 0))));

        Assert.Equal((60_000L, "email"), (row.WindowStartMs, row.Channel)); // the session's entry channel
        Assert.Equal((1L, 1L, 1L, 1L), (row.SessionsViewed, row.SessionsCarted, row.SessionsCheckedOut, row.SessionsPurchased));
    }
}
