using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using static StreamEngine.Core.Tests.Features.ClickGenerator;

namespace StreamEngine.Core.Tests.Features;

public sealed class UserProfilesTests
{
    private const long DayMs = 86_400_000;
    private static readonly FeatureOptions Options = new();
    private static readonly long GapMs = (long)Options.SessionGap.TotalMilliseconds;

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    public void EveryRow_EqualsBruteForceProfileAsOfItsTime_AndLastRowIsFinal(int seed)
    {
        var events = Generate(seed, users: 40, startMs: 1_700_000_000_000, spanMs: 45 * DayMs, sessionsPerUser: 15);
        var random = new Random(seed);
        var delayed = events.Where(_ => random.Next(100) < 2).Select(e => e.EventId).ToHashSet();
        var feed = StreamFeed.Arrange(events, 120_000, seed, delayed, lateDelayMs: 60_000);
        var late = new List<ClickEvent>();
        var rows = StreamFeed.Events(StreamFeed.Run(feed, clicks => UserProfiles.Build(clicks, Options, new CurrencyConverter(Options), 6, StreamFeed.Collect(late))));

        Assert.Equal(feed.Where(a => a.Event.TimeMs < a.WatermarkMs).Select(a => a.Event.EventId).Order(), late.Select(e => e.EventId).Order());
        var lateIds = late.Select(e => e.EventId).ToHashSet();
        var byUser = events.Where(e => !lateIds.Contains(e.EventId)).GroupBy(e => e.UserId).ToDictionary(g => g.Key, g => ReferenceMath.Ordered(g));
        Assert.Equal(byUser.Keys.Order(), rows.Select(r => r.UserId).Distinct().Order());
        foreach (var userRows in rows.GroupBy(r => r.UserId))
        {
            var list = userRows.ToList();
            Assert.True(list.Zip(list.Skip(1)).All(p => p.Second.Version > p.First.Version), "versions strictly increase per user");
            foreach (var row in list)
            {
                Assert.Equal(Reference(byUser[row.UserId], row.AsOfMs), row with { Partition = 0 });
            }

            Assert.Equal(byUser[userRows.Key][^1].TimeMs + GapMs, list[^1].AsOfMs); // the last row closes the last session
        }

        Assert.Contains(rows, r => r.Orders30d > r.Orders7d && r.Orders7d > 0);
        Assert.Contains(rows, r => r.CartSessions30d > 0 && r.CartAbandonRate30d is > 0 and < 1);
    }

    [Fact]
    public void ManyEventsWithinAMinute_AreWrittenRateLimited_ButEveryPurchaseIsWritten()
    {
        var events = Enumerable.Range(0, 100).Select(i => Click((ulong)i + 1, i * 500L, ClickEventType.PageView)).ToList();
        events.Add(Click(201, 20_000, ClickEventType.Purchase, order: 1));
        events.Add(Click(202, 30_000, ClickEventType.Purchase, order: 2));
        var rows = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 1, 1), clicks => UserProfiles.Build(clicks, Options, new CurrencyConverter(Options), 0)));

        // First change, the two purchases, and the session closing at end of input: 4 rows for 102 events.
        Assert.Equal([0L, 20_000, 30_000, 49_500 + GapMs], rows.Select(r => r.AsOfMs));
        Assert.Equal(2, rows[^1].Orders7d);
    }

    [Fact]
    public void OldDays_LeaveThe7And30DayWindows()
    {
        List<ClickEvent> events =
        [
            Click(1, 0, ClickEventType.Purchase, price: 1000, order: 1),
            Click(2, (8 * DayMs) + 1, ClickEventType.PageView, session: 2),
            Click(3, (31 * DayMs) + 1, ClickEventType.PageView, session: 3),
        ];
        var rows = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(events, 1, 1), clicks => UserProfiles.Build(clicks, Options, new CurrencyConverter(Options), 0)));
        var day8 = rows.Last(r => r.AsOfMs / DayMs == 8);
        var day31 = rows.Last(r => r.AsOfMs / DayMs == 31);

        Assert.Equal((0, 1, 1000L, 1000L), (day8.Orders7d, day8.Orders30d, day8.Spend30dMinor, day8.AverageOrderValue30dMinor));
        Assert.Equal((0, 0L, 1), (day31.Orders30d, day31.Spend30dMinor, day31.Sessions7d));
        Assert.Equal(0, day31.LastPurchaseMs);
        Assert.Equal("cat1", day31.FavouriteCategory);
    }

    private static UserProfileRow Reference(List<ClickEvent> all, long asOfMs)
    {
        var events = all.Where(e => e.TimeMs <= asOfMs).ToList();
        var today = ReferenceMath.FloorDiv(asOfMs, DayMs);
        bool InDays(long t, int days) => today - ReferenceMath.FloorDiv(t, DayMs) is var age && age >= 0 && age < days;

        var sessions = new List<List<ClickEvent>>();
        foreach (var e in events)
        {
            if (sessions.Count == 0 || e.SessionId != sessions[^1][^1].SessionId || e.TimeMs - sessions[^1][^1].TimeMs >= GapMs)
            {
                sessions.Add([]);
            }

            sessions[^1].Add(e);
        }

        var closed = sessions.Take(sessions.Count - 1).ToList();
        if (sessions.Count > 0 && sessions[^1][^1].TimeMs + GapMs <= asOfMs)
        {
            closed.Add(sessions[^1]);
        }

        var purchases = events.Where(e => e.Type == ClickEventType.Purchase).ToList();
        int Orders(int days) => purchases.Where(p => InDays(p.TimeMs, days)).Select(p => p.OrderId).Distinct().Count();
        long Spend(int days) => purchases.Where(p => InDays(p.TimeMs, days)).Sum(p => ReferenceMath.LineValue(Options, p));
        var cartSessions = closed.Where(s => InDays(s[0].TimeMs, 30) && s.Any(e => e.Type == ClickEventType.AddToCart)).ToList();
        var abandoned = cartSessions.Count(s => !s.Any(e => e.Type == ClickEventType.Purchase));
        var favourite = events.Where(e => e.Category is not null && e.Type is ClickEventType.ProductView or ClickEventType.AddToCart or ClickEventType.Purchase)
            .GroupBy(e => e.Category!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault() ?? "";
        return new UserProfileRow(
            all[0].UserId,
            0,
            asOfMs,
            events[^1].TimeMs,
            purchases.Count > 0 ? purchases[^1].TimeMs : 0,
            Orders(7),
            Spend(7),
            Orders(30),
            Spend(30),
            Orders(30) == 0 ? 0 : Spend(30) / Orders(30),
            favourite,
            sessions.Count(s => InDays(s[0].TimeMs, 7)),
            cartSessions.Count,
            abandoned,
            cartSessions.Count == 0 ? 0 : (double)abandoned / cartSessions.Count,
            asOfMs);
    }
}
