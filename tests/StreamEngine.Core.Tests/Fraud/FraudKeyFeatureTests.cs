using StreamEngine.Core.Events;
using StreamEngine.Core.Fraud;
using static StreamEngine.Core.Tests.Fraud.FraudTestEvents;

namespace StreamEngine.Core.Tests.Fraud;

/// <summary>
/// The features kept per user, IP and device, and the clickstream-derived ones: value, window boundaries and expiry
/// (the card's velocity is checked against a brute-force reference in <see cref="FraudFeatureExtractorTests"/>).
/// </summary>
public sealed class FraudKeyFeatureTests
{
    private const ulong Shared = 5_000;
    private const ulong Other = 6_000;
    private readonly FraudFeatureExtractor _x = new(new FraudOptions());

    /// <summary>An attempt on <paramref name="keyValue"/> of <paramref name="key"/>; every other key is unique to <paramref name="i"/>.</summary>
    private static PaymentEvent OnKey(string key, ulong keyValue, int i, long timeMs, long cents)
    {
        var u = (ulong)i;
        return key switch
        {
            "card" => Attempt(timeMs, user: 10 + u, card: keyValue, device: 200 + u, ip: 300 + u, cents: cents),
            "user" => Attempt(timeMs, user: keyValue, card: 100 + u, device: 200 + u, ip: 300 + u, cents: cents),
            "ip" => Attempt(timeMs, user: 10 + u, card: 100 + u, device: 200 + u, ip: keyValue, cents: cents),
            "device" => Attempt(timeMs, user: 10 + u, card: 100 + u, device: keyValue, ip: 300 + u, cents: cents),
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
    }

    private static (FraudFeature Velocity1m, FraudFeature Amount1m) FeaturesOf(string key) => key switch
    {
        "card" => (FraudFeature.VelocityCard1m, FraudFeature.AmountCard1m),
        "user" => (FraudFeature.VelocityUser1m, FraudFeature.AmountUser1m),
        "ip" => (FraudFeature.VelocityIp1m, FraudFeature.AmountIp1m),
        "device" => (FraudFeature.VelocityDevice1m, FraudFeature.AmountDevice1m),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    /// <summary>Asserts count and log(1 + major units) for the 1 m, 1 h and 24 h windows (features in that order).</summary>
    private static void AssertWindows(double[] f, string key, (int Count, long Cents) m1, (int Count, long Cents) h1, (int Count, long Cents) h24)
    {
        var (velocity, amount) = FeaturesOf(key);
        (int Count, long Cents)[] expected = [m1, h1, h24];
        for (var w = 0; w < 3; w++)
        {
            Assert.Equal(expected[w].Count, f[(int)velocity + w]);
            Assert.Equal(Math.Log(1 + (expected[w].Cents / 100.0)), f[(int)amount + w], 12);
        }
    }

    [Theory]
    [InlineData("card")]
    [InlineData("user")]
    [InlineData("ip")]
    [InlineData("device")]
    public void VelocityAndAmount_CountOnlyThisKeysAttempts_AndEachLeavesEveryWindowAfterItsBuckets(string key)
    {
        // 1 m = 6 x 10 s buckets, 1 h = 12 x 5 min, 24 h = 24 x 1 h; T0 starts a bucket of every width.
        //   a T0 (10 EUR)   noise T0+10s (other key value)   b T0+30s (20)   c T0+65s (40)   d T0+61min (80)   e T0+24h30min (160)
        AssertWindows(_x.Features(OnKey(key, Shared, 1, T0, 1_000)), key, (1, 1_000), (1, 1_000), (1, 1_000));
        AssertWindows(_x.Features(OnKey(key, Other, 2, T0 + 10_000, 99_900)), key, (1, 99_900), (1, 99_900), (1, 99_900));
        AssertWindows(_x.Features(OnKey(key, Shared, 3, T0 + 30_000, 2_000)), key, (2, 3_000), (2, 3_000), (2, 3_000));

        // c's 1 m window holds buckets 1-6: a (bucket 0) has left it, b (bucket 3) is still in.
        AssertWindows(_x.Features(OnKey(key, Shared, 4, T0 + 65_000, 4_000)), key, (2, 6_000), (3, 7_000), (3, 7_000));

        // d is in 5-minute bucket 12: a, b and c (bucket 0) have left the hour.
        AssertWindows(_x.Features(OnKey(key, Shared, 5, T0 + (61 * Minute), 8_000)), key, (1, 8_000), (1, 8_000), (4, 15_000));

        // e is in hour 24: the day holds hours 1-24, so d (hour 1) is in and a-c (hour 0) are out.
        AssertWindows(_x.Features(OnKey(key, Shared, 6, T0 + Day + (30 * Minute), 16_000)), key, (1, 16_000), (1, 16_000), (2, 24_000));
    }

    [Fact]
    public void DistinctIpsPerUser_CountIpsPaidFromWithin24h_SaturatingAt16()
    {
        double[] f = [];
        for (ulong i = 0; i < 20; i++)
        {
            f = _x.Features(Attempt(T0 + ((long)i * Minute), ip: 300 + i));
            Assert.Equal(Math.Min(i + 1, 16), f[(int)FraudFeature.DistinctIpsUser24h]);
            Assert.Equal(1, f[(int)FraudFeature.DistinctDevicesUser24h]); // one device throughout
        }

        Assert.Equal(1, f[(int)FraudFeature.NewIpForUser]);
        var sameIp = _x.Features(Attempt(T0 + (30 * Minute), ip: 319));
        Assert.Equal(16, sameIp[(int)FraudFeature.DistinctIpsUser24h]); // a repeated IP is not counted twice
        Assert.Equal(0, sameIp[(int)FraudFeature.NewIpForUser]);

        // A day later only the IPs seen in the last 24 h count: the one paid from again at T0+30min and this one.
        var nextDay = _x.Features(Attempt(T0 + Day + (29 * Minute), ip: 400));
        Assert.Equal(2, nextDay[(int)FraudFeature.DistinctIpsUser24h]);
        var otherUser = _x.Features(Attempt(T0 + Day + (30 * Minute), user: 2, ip: 319));
        Assert.Equal(1, otherUser[(int)FraudFeature.DistinctIpsUser24h]); // per user, not per IP
    }

    [Fact]
    public void SessionState_ExpiresADayAfterItsLastClick_ThenThePaymentsSessionIsUnknown()
    {
        _x.ObserveClick(Click(T0, user: 1, session: 77));
        _x.ObserveClick(Click(T0, user: 1, session: 78));
        _x.ObserveClick(Click(T0 + (20 * Hour), user: 1, session: 78)); // a later click keeps session 78 alive
        Assert.Equal(3, _x.StateCount); // two sessions and the user's first click
        _x.AdvanceWatermark(T0);
        _x.AdvanceWatermark(T0 + Day - Minute);
        Assert.Equal(3, _x.StateCount); // 77 idle just under a day: kept

        _x.AdvanceWatermark(T0 + Day + (10 * Minute));
        Assert.Equal(2, _x.StateCount); // 77 dropped; 78 and the first click kept
        var expired = _x.Features(Attempt(T0 + Day + (10 * Minute), session: 77));
        Assert.Equal(0, expired[(int)FraudFeature.SessionKnown]);
        Assert.Equal(0, expired[(int)FraudFeature.SessionMinutesBeforePayment]);
        var alive = _x.Features(Attempt(T0 + Day + (11 * Minute), session: 78));
        Assert.Equal(1, alive[(int)FraudFeature.SessionKnown]);
        Assert.Equal(240, alive[(int)FraudFeature.SessionMinutesBeforePayment]); // from the first click, capped at 4 h
    }

    [Fact]
    public void SessionMinutesBeforePayment_CountFromTheEarliestClick_EvenWhenItArrivesLate()
    {
        _x.ObserveClick(Click(T0 + (5 * Minute)));
        _x.ObserveClick(Click(T0)); // out of order: the session started earlier than first seen
        var f = _x.Features(Attempt(T0 + (30 * Minute), session: 77));
        Assert.Equal(30, f[(int)FraudFeature.SessionMinutesBeforePayment], 9);
    }

    [Fact]
    public void FirstClickState_Expires91DaysAfterTheClick_UnlessTheUserPaidMeanwhile()
    {
        _x.ObserveClick(Click(T0, user: 5, session: 0));
        _x.ObserveClick(Click(T0, user: 6, session: 0));
        Assert.Equal(2, _x.StateCount); // no session id: only the first clicks are kept
        _x.AdvanceWatermark(T0);
        _x.AdvanceWatermark(T0 + (90 * Day));
        Assert.Equal(2, _x.StateCount);
        Assert.Equal(90, _x.Features(Attempt(T0 + (90 * Day), user: 5))[(int)FraudFeature.AccountAgeDays], 9);

        _x.AdvanceWatermark(T0 + (92 * Day));
        Assert.Equal(2, _x.StateCount); // both first clicks gone (and the device and IP, idle over a day); user 5's card and user kept

        // User 5's own state took over the first click's time; user 6 never paid, so its account starts now.
        Assert.Equal(92, _x.Features(Attempt(T0 + (92 * Day), user: 5))[(int)FraudFeature.AccountAgeDays], 9);
        Assert.Equal(0, _x.Features(Attempt(T0 + (92 * Day), user: 6, card: 101, device: 201, ip: 301))[(int)FraudFeature.AccountAgeDays]);
    }
}
