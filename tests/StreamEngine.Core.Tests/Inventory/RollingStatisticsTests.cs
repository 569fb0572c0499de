using StreamEngine.Core.Inventory;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class RollingStatisticsTests
{
    [Fact]
    public void RollingWindow_LongRandomRun_MatchesBruteForce_WithZeroDaysAndExpiry()
    {
        const int window = 28;
        var random = new Random(42);
        var rolling = new RollingDemandWindow(window, spareBuckets: 2);
        var units = new Dictionary<long, long>();
        var revenue = new Dictionary<long, long>();
        const long firstDay = 20_000;
        void AddDay(long day)
        {
            // About a third of the days have no sales; some have big spikes; a few refunds push a day negative.
            var events = random.Next(3) == 0 ? 0 : random.Next(1, 6);
            for (var e = 0; e < events; e++)
            {
                var u = random.Next(10) == 0 ? -random.Next(1, 4) : random.Next(1, 1_000_000);
                Assert.True(rolling.Add(day, u, u * 250L));
                units[day] = units.GetValueOrDefault(day) + u;
                revenue[day] = revenue.GetValueOrDefault(day) + (u * 250L);
            }
        }

        AddDay(firstDay);
        for (var day = firstDay; day < firstDay + 2_000; day++)
        {
            AddDay(day + 1); // the next bucket is already receiving events when this one closes
            var (mean, std, days) = rolling.Statistics(day);
            var n = (int)Math.Min(day - firstDay + 1, window);
            var values = Enumerable.Range(0, n).Select(i => (double)units.GetValueOrDefault(day - i)).ToArray();
            var bruteMean = values.Average();
            var bruteStd = n < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - bruteMean) * (v - bruteMean)) / (n - 1));
            Assert.Equal(n, days);
            Assert.Equal(bruteMean, mean, 1e-9 * Math.Max(1, Math.Abs(bruteMean)));
            Assert.Equal(bruteStd, std, 1e-9 * Math.Max(1, bruteStd));
            Assert.Equal(Enumerable.Range(0, window).Sum(i => revenue.GetValueOrDefault(day - i)), rolling.Revenue(day));
        }
    }

    [Fact]
    public void RollingWindow_DaysWithoutSales_CountAsZero()
    {
        var rolling = new RollingDemandWindow(4);
        rolling.Add(10, 8, 0);
        rolling.Add(13, 4, 0);
        var (mean, std, days) = rolling.Statistics(13);

        // Buckets 10..13 = [8, 0, 0, 4]: mean 3, sample variance (25 + 9 + 9 + 1) / 3.
        Assert.Equal(4, days);
        Assert.Equal(3, mean, 1e-12);
        Assert.Equal(Math.Sqrt(44.0 / 3), std, 1e-12);
    }

    [Fact]
    public void RollingWindow_ExpiresOldDays_AndRejectsDaysOlderThanTheRing()
    {
        var rolling = new RollingDemandWindow(3);
        rolling.Add(1, 100, 0);
        rolling.Add(5, 3, 0);

        // Day 1 is outside [3, 5] even though its slot was not overwritten by a newer day.
        Assert.Equal(1.0, rolling.Statistics(5).Mean, 1e-12);
        Assert.False(rolling.Add(2, 7, 0)); // slot 2 now holds day 5
        Assert.Equal(0, rolling.UnitsOn(2));
        Assert.Equal(3, rolling.UnitsOn(5));
    }

    [Fact]
    public void RollingWindow_OpenBucketsAhead_DoNotOverwriteTheWindowBeingClosed()
    {
        var rolling = new RollingDemandWindow(3, spareBuckets: 2);
        rolling.Add(0, 9, 90);
        Assert.True(rolling.Add(3, 1, 10)); // day 3 is still open while day 2 closes
        Assert.True(rolling.Add(4, 1, 10));
        Assert.Equal((3.0, 3), (rolling.Statistics(2).Mean, rolling.Statistics(2).Days));
        Assert.Equal(90, rolling.Revenue(2));
        Assert.Equal(20, rolling.Revenue(4));
    }

    [Fact]
    public void RollingWindow_HistoryShorterThanWindow_UsesOnlyDaysSinceFirstSeen()
    {
        var rolling = new RollingDemandWindow(28);
        rolling.MarkSeen(100);
        rolling.Add(102, 6, 0);
        var (mean, _, days) = rolling.Statistics(102);
        Assert.Equal(3, days);
        Assert.Equal(2, mean, 1e-12);
    }

    [Fact]
    public void Ewma_MatchesExplicitWeightedMeanAndVariance()
    {
        // Reference: weights w1 = (1-α)^(n-1), wk = α(1-α)^(n-k); mean = Σ wk xk, variance = Σ wk (xk - mean)².
        const double alpha = 0.2;
        var random = new Random(3);
        var ewma = default(EwmaStats);
        var values = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            var x = random.Next(4) == 0 ? 0 : random.Next(0, 50);
            values.Add(x);
            ewma.Update(x, alpha);
            var n = values.Count;
            var weights = Enumerable.Range(1, n).Select(k => k == 1 ? Math.Pow(1 - alpha, n - 1) : alpha * Math.Pow(1 - alpha, n - k)).ToArray();
            var mean = weights.Zip(values, (w, v) => w * v).Sum();
            var variance = weights.Zip(values, (w, v) => w * (v - mean) * (v - mean)).Sum();
            Assert.Equal(mean, ewma.Mean, 1e-9);
            Assert.Equal(variance, ewma.Variance, 1e-8);
        }
    }

    [Fact]
    public void Ewma_ConstantInput_HasThatMeanAndZeroVariance()
    {
        var ewma = default(EwmaStats);
        for (var i = 0; i < 1000; i++)
        {
            ewma.Update(7, 0.1);
        }

        Assert.Equal(7, ewma.Mean, 1e-12);
        Assert.Equal(0, ewma.StdDev, 1e-12);
        Assert.Equal(1000, ewma.Count);
    }

    [Fact]
    public void LeadTimes_LastNReceipts_MatchBruteForce()
    {
        var random = new Random(11);
        var stats = new LeadTimeStats(5);
        var all = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var v = 3 + (random.NextDouble() * 10);
            stats.Add(v);
            all.Add(v);
            var last = all.TakeLast(5).ToArray();
            var mean = last.Average();
            var std = last.Length < 2 ? 0 : Math.Sqrt(last.Sum(x => (x - mean) * (x - mean)) / (last.Length - 1));
            var (m, s) = stats.Statistics();
            Assert.Equal(mean, m, 1e-12);
            Assert.Equal(std, s, 1e-12);
        }
    }

    [Fact]
    public void AbcClassifier_ClassifiesByCumulativeRevenueShare()
    {
        // Shares: 50, 25, 10, 6, 4, 3, 2, 0 (%). Before: 0, 50, 75, 85, 91, 95, 98 -> A A A B B C C, zero -> C.
        long[] revenue = [50, 25, 10, 6, 4, 3, 2, 0];
        var classes = new AbcClass[revenue.Length];
        AbcClassifier.Classify(revenue, 0.80, 0.95, classes);
        Assert.Equal([AbcClass.A, AbcClass.A, AbcClass.A, AbcClass.B, AbcClass.B, AbcClass.C, AbcClass.C, AbcClass.C], classes);
    }

    [Fact]
    public void AbcClassifier_SingleDominantItem_IsA_AndNoRevenueIsAllC()
    {
        var classes = new AbcClass[3];
        AbcClassifier.Classify([90, 6, 4], 0.80, 0.95, classes);
        Assert.Equal([AbcClass.A, AbcClass.B, AbcClass.C], classes);
        AbcClassifier.Classify([0, 0, 0], 0.80, 0.95, classes);
        Assert.Equal([AbcClass.C, AbcClass.C, AbcClass.C], classes);
    }
}
