using StreamEngine.Core.Events;
using StreamEngine.Core.Fraud;
using static StreamEngine.Core.Tests.Fraud.FraudTestEvents;

namespace StreamEngine.Core.Tests.Fraud;

public sealed class FraudFeatureExtractorTests
{
    private readonly FraudFeatureExtractor _x = new(new FraudOptions());

    [Fact]
    public void Velocity_MatchesBruteForceBucketWindowsOverRandomTimes()
    {
        var rng = new Random(1);
        var times = new List<(long T, long Cents)>();
        var t = T0;
        for (var i = 0; i < 400; i++)
        {
            t += rng.Next(0, 4) == 0 ? rng.Next(0, 3 * (int)Hour) : rng.Next(0, 20_000);
            var cents = rng.Next(1, 100_000);
            times.Add((t, cents));
            var f = _x.Features(Attempt(t, cents: cents));
            foreach (var (countAt, amountAt, width, n) in new[]
            {
                (FraudFeature.VelocityCard1m, FraudFeature.AmountCard1m, 10_000L, 6),
                (FraudFeature.VelocityCard1h, FraudFeature.AmountCard1h, 300_000L, 12),
                (FraudFeature.VelocityCard24h, FraudFeature.AmountCard24h, 3_600_000L, 24),
            })
            {
                var inWindow = times.Where(e => e.T / width > (t / width) - n).ToList();
                Assert.Equal(inWindow.Count, f[(int)countAt]);
                Assert.Equal(Math.Log(1 + (inWindow.Sum(e => e.Cents) / 100.0)), f[(int)amountAt], 9);
                Assert.Equal(f[(int)countAt], f[(int)countAt + 3]); // user: same single user/card/ip/device here
            }
        }
    }

    [Fact]
    public void Velocity_OneMinuteWindow_ForgetsAttemptsOlderThanItsBuckets()
    {
        _x.Features(Attempt(T0));
        Assert.Equal(2, _x.Features(Attempt(T0 + 50_000))[(int)FraudFeature.VelocityCard1m]);
        var f = _x.Features(Attempt(T0 + 70_000)); // T0's bucket [T0, T0+10s) has left the 6-bucket window
        Assert.Equal(2, f[(int)FraudFeature.VelocityCard1m]);
        Assert.Equal(3, f[(int)FraudFeature.VelocityCard1h]);
    }

    [Fact]
    public void Velocity_OutOfOrderEvents_CountInTheirOwnBucketsAndLaterWindows()
    {
        // 10 s buckets:  0      1            4      5      6
        //                |T0    |T0+15s      |+45s  |+55s  |+60s
        // arrival order:  a      b                   c      (d late at +45s)  e
        _x.Features(Attempt(T0));
        _x.Features(Attempt(T0 + 15_000));
        _x.Features(Attempt(T0 + 55_000));
        var late = _x.Features(Attempt(T0 + 45_000));
        Assert.Equal(3, late[(int)FraudFeature.VelocityCard1m]); // a, b and itself; c is after it
        var next = _x.Features(Attempt(T0 + 60_000));
        Assert.Equal(4, next[(int)FraudFeature.VelocityCard1m]); // buckets 1-6: b, c, d and itself
        Assert.Equal(5, next[(int)FraudFeature.VelocityCard1h]);
    }

    [Fact]
    public void Velocity_EventOlderThanItsRingSlot_IsNotCountedInThatWindow_ButInLongerOnes()
    {
        _x.Features(Attempt(T0 + 120_000)); // bucket 12 occupies bucket 0's slot of the 1-minute ring
        var tooLate = _x.Features(Attempt(T0 + 5_000));
        Assert.Equal(0, tooLate[(int)FraudFeature.VelocityCard1m]);
        Assert.Equal(2, tooLate[(int)FraudFeature.VelocityCard1h]); // both in the first 5-minute bucket
        var after = _x.Features(Attempt(T0 + 121_000));
        Assert.Equal(2, after[(int)FraudFeature.VelocityCard1m]); // the too-late one never entered the 1-minute ring
        Assert.Equal(3, after[(int)FraudFeature.VelocityCard1h]);
    }

    [Fact]
    public void Declines_CountEarlierDeclinesOnCardAndDevice_ForTenMinutes()
    {
        _x.Features(Attempt(T0, declined: true));
        _x.Features(Attempt(T0 + Minute, card: 101, declined: true));
        var f = _x.Features(Attempt(T0 + (2 * Minute), declined: true));
        Assert.Equal(1, f[(int)FraudFeature.DeclinesCard10m]); // the current outcome is not a feature of itself
        Assert.Equal(2, f[(int)FraudFeature.DeclinesDevice10m]);
        var later = _x.Features(Attempt(T0 + (11 * Minute)));
        Assert.Equal(1, later[(int)FraudFeature.DeclinesCard10m]); // only the one at T0+2min is left
        Assert.Equal(0, _x.Features(Attempt(T0 + (25 * Minute)))[(int)FraudFeature.DeclinesDevice10m]);
    }

    [Fact]
    public void DistinctCardsPerDevice_AreCountedBoundedAt16_AndExpireAfter24h()
    {
        double[] f = [];
        for (ulong c = 0; c < 20; c++)
        {
            f = _x.Features(Attempt(T0 + ((long)c * Minute), card: 1000 + c, ip: 50));
            Assert.Equal(Math.Min(c + 1, 16), f[(int)FraudFeature.DistinctCardsDevice24h]);
        }

        Assert.Equal(16, f[(int)FraudFeature.DistinctCardsIp24h]);
        var nextDay = _x.Features(Attempt(T0 + Day + Hour, card: 5000, ip: 50));
        Assert.Equal(1, nextDay[(int)FraudFeature.DistinctCardsDevice24h]);
        Assert.Equal(1, nextDay[(int)FraudFeature.DistinctCardsIp24h]);
    }

    [Fact]
    public void NewDeviceAndIp_AreFlaggedOnFirstUse_AndAgainAfter30DaysUnseen()
    {
        Assert.Equal(1, _x.Features(Attempt(T0))[(int)FraudFeature.NewDeviceForUser]);
        var again = _x.Features(Attempt(T0 + Day));
        Assert.Equal(0, again[(int)FraudFeature.NewDeviceForUser]);
        Assert.Equal(0, again[(int)FraudFeature.NewIpForUser]);
        var other = _x.Features(Attempt(T0 + (36 * Hour), device: 201, ip: 301));
        Assert.Equal(1, other[(int)FraudFeature.NewDeviceForUser]);
        Assert.Equal(1, other[(int)FraudFeature.NewIpForUser]);
        Assert.Equal(2, other[(int)FraudFeature.DistinctDevicesUser24h]);
        var forgotten = _x.Features(Attempt(T0 + (40 * Day)));
        Assert.Equal(1, forgotten[(int)FraudFeature.NewDeviceForUser]);
        Assert.Equal(1, forgotten[(int)FraudFeature.DistinctDevicesUser24h]);
    }

    [Fact]
    public void AmountZScore_UsesTheUsersEarlierAmountsOnly()
    {
        long[] history = [1_000, 2_000, 3_000, 2_500];
        for (var i = 0; i < history.Length; i++)
        {
            _x.Features(Attempt(T0 + (i * Hour), cents: history[i]));
        }

        var f = _x.Features(Attempt(T0 + (10 * Hour), cents: 50_000));
        var logs = history.Select(c => Math.Log(1 + (c / 100.0))).ToArray();
        var mean = logs.Average();
        var std = Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / (logs.Length - 1));
        Assert.Equal((Math.Log(1 + 500.0) - mean) / std, f[(int)FraudFeature.AmountZScoreUser], 9);
        Assert.Equal(Math.Log(1 + 500.0), f[(int)FraudFeature.LogAmount], 12);
    }

    [Fact]
    public void TimeSinceLastPaymentAndAccountAge_AreMeasuredInEventTime()
    {
        var first = _x.Features(Attempt(T0));
        Assert.Equal(720, first[(int)FraudFeature.HoursSinceLastPayment]);
        Assert.Equal(0, first[(int)FraudFeature.AccountAgeDays]);
        var f = _x.Features(Attempt(T0 + (3 * Day) + (6 * Hour)));
        Assert.Equal(78, f[(int)FraudFeature.HoursSinceLastPayment], 9);
        Assert.Equal(3.25, f[(int)FraudFeature.AccountAgeDays], 9);
    }

    [Fact]
    public void AccountAge_StartsAtTheUsersFirstClick()
    {
        _x.ObserveClick(new ClickEvent(1, T0 - (10 * Day), ClickEventType.PageView, 1, 77, 200, 300, "DE", "direct", null, null, 0, 1, null, 0, 0));
        Assert.Equal(2, _x.StateCount); // session + first click: a browsing user gets no full user state
        Assert.Equal(10, _x.Features(Attempt(T0))[(int)FraudFeature.AccountAgeDays], 9);
    }

    [Fact]
    public void SessionMinutesBeforePayment_ComeFromTheSessionsFirstClick_WhenKnown()
    {
        _x.ObserveClick(new ClickEvent(1, T0, ClickEventType.PageView, 1, 77, 200, 300, "DE", "direct", null, null, 0, 1, null, 0, 0));
        var f = _x.Features(Attempt(T0 + (12 * Minute), session: 77));
        Assert.Equal(1, f[(int)FraudFeature.SessionKnown]);
        Assert.Equal(12, f[(int)FraudFeature.SessionMinutesBeforePayment], 9);
        var unknown = _x.Features(Attempt(T0 + (13 * Minute), session: 78));
        Assert.Equal(0, unknown[(int)FraudFeature.SessionKnown]);
        Assert.Equal(0, unknown[(int)FraudFeature.SessionMinutesBeforePayment]);
    }

    [Theory]
    [InlineData("DE", "DE", "DE", 0, 0, 0)]
    [InlineData("DE", "DE", "NG", 1, 1, 0)]
    [InlineData("DE", "FR", "DE", 0, 1, 1)]
    public void CountryMismatches_CompareIpBillingAndShipping(string billing, string shipping, string ip, int notBilling, int notShipping, int billingNotShipping)
    {
        var f = _x.Features(Attempt(T0, billing: billing, shipping: shipping, ipCountry: ip));
        Assert.Equal(notBilling, f[(int)FraudFeature.IpCountryNotBilling]);
        Assert.Equal(notShipping, f[(int)FraudFeature.IpCountryNotShipping]);
        Assert.Equal(billingNotShipping, f[(int)FraudFeature.BillingNotShipping]);
    }

    [Theory]
    [InlineData(51.5074, -0.1278, 48.8566, 2.3522, 343.5)] // London - Paris
    [InlineData(40.7128, -74.0060, 34.0522, -118.2437, 3935.7)] // New York - Los Angeles
    [InlineData(51.5074, -0.1278, 40.7128, -74.0060, 5570.2)] // London - New York
    [InlineData(-33.8688, 151.2093, 51.5074, -0.1278, 16993.9)] // Sydney - London
    public void Haversine_MatchesKnownCityDistances(double lat1, double lon1, double lat2, double lon2, double km)
    {
        Assert.InRange(GeoMath.HaversineKm(lat1, lon1, lat2, lon2), km * 0.995, km * 1.005);
        Assert.Equal(GeoMath.HaversineKm(lat1, lon1, lat2, lon2), GeoMath.HaversineKm(lat2, lon2, lat1, lon1), 9);
    }

    [Fact]
    public void Travel_ComputesDistanceAndSpeedFromThePreviousLocatedPayment_AndFlagsImpossibleTravel()
    {
        Assert.Equal(0, _x.Features(Attempt(T0, lat: 48.8566, lon: 2.3522))[(int)FraudFeature.TravelDistanceKm]);
        _x.Features(Attempt(T0 + Minute)); // no position: does not move the reference point
        var london = _x.Features(Attempt(T0 + (30 * Minute), lat: 51.5074, lon: -0.1278));
        var km = GeoMath.HaversineKm(48.8566, 2.3522, 51.5074, -0.1278);
        Assert.Equal(km, london[(int)FraudFeature.TravelDistanceKm], 9);
        Assert.Equal(km * 2, london[(int)FraudFeature.TravelSpeedKmh], 6);
        Assert.Equal(0, london[(int)FraudFeature.ImpossibleTravel]);
        var newYork = _x.Features(Attempt(T0 + (90 * Minute), lat: 40.7128, lon: -74.0060));
        Assert.Equal(1, newYork[(int)FraudFeature.ImpossibleTravel]);
        Assert.Equal(5000, newYork[(int)FraudFeature.TravelSpeedKmh]); // capped
    }

    [Fact]
    public void RefundsAndChargebacks_CountOnCardAndUserFor90Days_AndAreNotScored()
    {
        Assert.False(_x.Process(Label(T0, PaymentEventType.Chargeback, "a"), new double[FraudFeatureNames.Count]));
        Assert.False(_x.Process(Label(T0, PaymentEventType.Refunded, "b", user: 2), new double[FraudFeatureNames.Count]));
        var f = _x.Features(Attempt(T0 + Day));
        Assert.Equal(1, f[(int)FraudFeature.ChargebacksCard90d]);
        Assert.Equal(1, f[(int)FraudFeature.ChargebacksUser90d]);
        Assert.Equal(1, f[(int)FraudFeature.RefundsCard90d]);
        Assert.Equal(0, f[(int)FraudFeature.RefundsUser90d]); // the refund was on another user
        Assert.Equal(0, _x.Features(Attempt(T0 + (100 * Day)))[(int)FraudFeature.ChargebacksCard90d]);
    }

    [Fact]
    public void ExpirySweep_DropsShortLivedKeysAfterADay_AndUsersAndCardsAfter91Days()
    {
        _x.Features(Attempt(T0));
        Assert.Equal(4, _x.StateCount);
        _x.AdvanceWatermark(T0);
        _x.AdvanceWatermark(T0 + Day + Hour);
        Assert.Equal(2, _x.StateCount); // device and IP gone, card and user kept
        _x.AdvanceWatermark(T0 + (92 * Day));
        Assert.Equal(0, _x.StateCount);
        Assert.Equal(1, _x.Features(Attempt(T0 + (92 * Day)))[(int)FraudFeature.NewDeviceForUser]);
    }

    [Fact]
    public void ProcessingInSteadyState_AllocatesNothing()
    {
        var buffer = new double[FraudFeatureNames.Count];
        var events = Enumerable.Range(0, 64).Select(i => Attempt(T0 + (i * 1000L), user: (ulong)(i % 8), card: (ulong)(i % 5), lat: 50, lon: 8)).ToArray();
        foreach (var e in events)
        {
            _x.Process(e, buffer);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 1; round <= 10; round++)
        {
            foreach (var e in events)
            {
                _x.Process(e with { TimeMs = e.TimeMs + (round * 64_000L) }, buffer);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
