using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;
using static StreamEngine.Core.Tests.Features.ClickGenerator;

namespace StreamEngine.Core.Tests.Features;

public sealed class SessionsTests
{
    private static readonly FeatureOptions Options = new();
    private static readonly long GapMs = (long)Options.SessionGap.TotalMilliseconds;

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void ShuffledStreamWithLateEventsWithinGrace_MatchesBruteForceSessions(int seed)
    {
        var events = Generate(seed, users: 120, startMs: 1_700_000_000_000, spanMs: 6 * 3_600_000);
        var random = new Random(seed);
        var lateWithinGrace = events.Where(_ => random.Next(100) < 3).Select(e => e.EventId).ToHashSet();
        var feed = StreamFeed.Arrange(events, 60_000, seed, lateWithinGrace, lateDelayMs: 90_000);
        var late = new List<ClickEvent>();
        var rows = StreamFeed.Events(StreamFeed.Run(feed, clicks => Sessions.Build(clicks, Options, new CurrencyConverter(Options), 5, StreamFeed.Collect(late))));

        Assert.Empty(late); // every delay is below the grace period
        Assert.Contains(feed, a => a.Event.TimeMs < a.WatermarkMs); // and some events really were behind the watermark
        var expected = events.GroupBy(e => e.SessionId)
            .SelectMany(g => ReferenceMath.SplitSessions(ReferenceMath.Ordered(g), GapMs).Select(s => Reference(g.Key, s)))
            .OrderBy(r => (r.SessionId, r.StartMs)).ToList();
        var actual = Current(rows).OrderBy(r => (r.SessionId, r.StartMs)).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void LateEventBridgingTwoEmittedSessions_MergesThemIntoOne()
    {
        // Session id 1, gap 30 min:   0m 10m ........ (A ends 40m)      50m (B)
        // the watermark reaches 41m (A is emitted), then an event at 25m arrives: it joins A and reaches B (25 + 30 > 50).
        const long m = MinuteMs;
        Arrival[] feed =
        [
            new(Click(1, 0, ClickEventType.PageView), long.MinValue, 0),
            new(Click(2, 10 * m, ClickEventType.AddToCart, price: 1000, quantity: 2), 0, 1),
            new(Click(3, 50 * m, ClickEventType.Purchase, price: 1000, order: 7), 41 * m, 2),
            new(Click(4, 25 * m, ClickEventType.RemoveFromCart, price: 1000), 41 * m, 3),
        ];
        var rows = StreamFeed.Events(StreamFeed.Run(feed, clicks => Sessions.Build(clicks, Options, new CurrencyConverter(Options), 0)));

        Assert.Equal(0, rows[0].StartMs);
        Assert.Equal(10 * m, rows[0].EndMs); // A alone, emitted when the watermark passed 40m
        var merged = Assert.Single(Current(rows));
        Assert.Equal((0L, 50 * m, 50 * m, 4L), (merged.StartMs, merged.EndMs, merged.DurationMs, merged.Version));
        Assert.True(merged.Converted);
        Assert.Equal(0, merged.AbandonedCartMinor); // 2000 added − 1000 removed − 1000 bought
        Assert.Equal((1, 1, 0), (merged.Pages, merged.CartAdds, merged.ProductViews));
    }

    [Fact]
    public void EventPastSessionGapAndGrace_GoesToLateOutput()
    {
        const long m = MinuteMs;
        Arrival[] feed =
        [
            new(Click(1, 0, ClickEventType.PageView), long.MinValue, 0),
            new(Click(2, 100 * m, ClickEventType.PageView, session: 2), 100 * m, 1),
            new(Click(3, 5 * m, ClickEventType.PageView, session: 3), 100 * m, 2),
        ];
        var late = new List<ClickEvent>();
        var rows = StreamFeed.Events(StreamFeed.Run(feed, clicks => Sessions.Build(clicks, Options, new CurrencyConverter(Options), 0, StreamFeed.Collect(late))));

        Assert.Equal(3UL, Assert.Single(late).EventId);
        Assert.Equal([1UL, 2UL], rows.Select(r => r.SessionId).Order().ToArray());
    }

    [Fact]
    public void SessionAcrossMidnight_IsOneSessionStartingOnTheFirstDay()
    {
        var midnight = 1_700_006_400_000; // 2023-11-15T00:00Z
        Arrival[] feed =
        [
            new(Click(1, midnight - (10 * MinuteMs), ClickEventType.AddToCart, price: 500, channel: "email", country: "DE"), long.MinValue, 0),
            new(Click(2, midnight + (15 * MinuteMs), ClickEventType.PageView, channel: "ads", country: "FR"), 0, 1),
        ];
        var row = Assert.Single(StreamFeed.Events(StreamFeed.Run(feed, clicks => Sessions.Build(clicks, Options, new CurrencyConverter(Options), 0))));

        Assert.Equal((midnight - (10 * MinuteMs), 25 * MinuteMs), (row.StartMs, row.DurationMs));
        Assert.Equal(("email", "DE"), (row.EntryChannel, row.Country)); // from the first event
        Assert.False(row.Converted);
        Assert.Equal(500, row.AbandonedCartMinor);
    }

    /// <summary>Rows still current: a later row of the same session id covering an earlier one (same or merged session) replaces it.</summary>
    internal static List<SessionRow> Current(IEnumerable<SessionRow> rows)
    {
        var current = new List<SessionRow>();
        foreach (var row in rows)
        {
            current.RemoveAll(r => r.SessionId == row.SessionId && r.StartMs >= row.StartMs && r.EndMs <= row.EndMs);
            current.Add(row);
        }

        return current;
    }

    private static SessionRow Reference(ulong sessionId, List<ClickEvent> s)
    {
        long Value(ClickEventType type) => s.Where(e => e.Type == type).Sum(e => ReferenceMath.LineValue(Options, e));
        var first = s[0];
        return new SessionRow(
            sessionId,
            first.UserId,
            5,
            first.TimeMs,
            s[^1].TimeMs,
            s[^1].TimeMs - first.TimeMs,
            s.Count(e => e.Type == ClickEventType.PageView),
            s.Count(e => e.Type == ClickEventType.ProductView),
            s.Count(e => e.Type == ClickEventType.AddToCart),
            s.Any(e => e.Type == ClickEventType.Purchase),
            Math.Max(0, Value(ClickEventType.AddToCart) - Value(ClickEventType.RemoveFromCart) - Value(ClickEventType.Purchase)),
            first.Channel,
            first.Country,
            s.Count);
    }
}
