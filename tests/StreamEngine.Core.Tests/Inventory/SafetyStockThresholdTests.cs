using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;
using static StreamEngine.Core.Tests.Inventory.InventoryEvents;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class SafetyStockThresholdTests
{
    private readonly List<StreamItem<SafetyStockOutput>> _output = [];

    [Fact]
    public void ColdStart_UsesCategoryStatistics_ThenDefaults_AndFlagsThem()
    {
        var options = new SafetyStockOptions { MinHistoryDays = 7, ColdStartDemandMean = 3, ColdStartDemandStdDev = 1.5 };
        var state = new SafetyStockState(options);
        for (var d = 0; d < 10; d++)
        {
            Demand(state, "MATURE1", "W", d % 2 == 0 ? 10 : 20, d, "shoes");
            Demand(state, "MATURE2", "W", 4, d, "shoes");
            if (d >= 8)
            {
                Demand(state, "NEW", "W", 50, d, "shoes");
                Demand(state, "LONELY", "W", 50, d, "hats");
            }

            state.AdvanceWatermark((d + 1) * Day, 0, _output);
        }

        var day9 = Thresholds().Where(t => t.BucketStartMs == 9 * Day).ToDictionary(t => t.Sku);
        Assert.Equal((false, FallbackKind.None), (day9["MATURE1"].IsFallback, day9["MATURE1"].FallbackKind));
        Assert.Equal(15, day9["MATURE1"].DemandMean, 1e-12);
        Assert.Equal(4, day9["MATURE2"].DemandMean, 1e-12);

        var fresh = day9["NEW"];
        Assert.Equal((true, FallbackKind.Category, 2), (fresh.IsFallback, fresh.FallbackKind, fresh.HistoryDays));
        Assert.Equal((15 + 4) / 2.0, fresh.DemandMean, 1e-12);
        var variance1 = Enumerable.Range(0, 10).Select(d => d % 2 == 0 ? 10.0 : 20.0).Select(v => (v - 15) * (v - 15)).Sum() / 9;
        Assert.Equal(Math.Sqrt(variance1 / 2), fresh.DemandStdDev, 1e-12);

        var lonely = day9["LONELY"];
        Assert.Equal((true, FallbackKind.Defaults, 3.0, 1.5), (lonely.IsFallback, lonely.FallbackKind, lonely.DemandMean, lonely.DemandStdDev));
    }

    [Fact]
    public void RollingAndEwmaStatistics_MatchBruteForce_OverALongRunWithOpenBucketsAhead()
    {
        var options = new SafetyStockOptions { MinHistoryDays = 1, EwmaAlpha = 0.15 };
        var state = new SafetyStockState(options);
        var random = new Random(23);
        const int days = 400;
        var totals = new long[days + 1];
        void SellOn(int day)
        {
            var events = random.Next(4) == 0 ? 0 : random.Next(1, 5); // a quarter of the days sell nothing
            for (var i = 0; i < events; i++)
            {
                var units = random.Next(10) == 0 ? -1 : random.Next(1, 40);
                totals[day] += units;
                state.OnDemand(new DemandEvent("S", "W", units, 0, "c"), (day * Day) + random.NextInt64(Day), day * Day, 0, _output);
            }
        }

        SellOn(0);
        var ewma = default(EwmaStats);
        for (var d = 0; d < days; d++)
        {
            SellOn(d + 1); // the next bucket already receives events before this one closes
            state.AdvanceWatermark((d + 1) * Day, 0, _output);
            var t = Thresholds().Single(x => x.BucketStartMs == d * Day);
            var window = totals.Skip(Math.Max(0, d - 27)).Take(Math.Min(d + 1, 28)).Select(v => (double)v).ToArray();
            var mean = window.Average();
            var std = window.Length < 2 ? 0 : Math.Sqrt(window.Sum(v => (v - mean) * (v - mean)) / (window.Length - 1));
            ewma.Update(totals[d], 0.15);
            Assert.Equal(mean, t.DemandMean, 1e-9);
            Assert.Equal(std, t.DemandStdDev, 1e-9);
            Assert.Equal(ewma.Mean, t.DemandEwmaMean, 1e-9);
            Assert.Equal(ewma.StdDev, t.DemandEwmaStdDev, 1e-9);
        }
    }

    [Fact]
    public void DemandStep_RaisesRopWithinTheLookback()
    {
        var options = new SafetyStockOptions { DefaultLeadTime = new LeadTimeDefault { Mean = TimeSpan.FromDays(4), StdDev = TimeSpan.FromDays(1) } };
        var state = new SafetyStockState(options);
        var random = new Random(5);
        const int stepDay = 40;
        for (var d = 0; d < stepDay + 28; d++)
        {
            Demand(state, "S", "W", d < stepDay ? 5 + random.Next(-2, 3) : 25 + random.Next(-2, 3), d, "c", revenue: 100);
            state.AdvanceWatermark((d + 1) * Day, 0, _output);
        }

        var rop = Thresholds().ToDictionary(t => t.BucketStartMs / Day, t => t.ReorderPoint);
        var before = rop[stepDay - 1];
        Assert.True(rop[stepDay] > before, "ROP rises on the first day of the step");
        var after = rop[stepDay + 27];

        // After a full lookback only the new level is in the window: d ≈ 25 -> ROP ≥ d·L = 100, far above the old ~20 + SS.
        Assert.True(after > 100 && before < 60, $"before {before}, after {after}");
        var stats = Thresholds().Single(t => t.BucketStartMs == (stepDay + 27) * Day);
        Assert.InRange(stats.DemandMean, 24, 26);
        Assert.InRange(stats.DemandEwmaMean, 20, 27);
    }

    [Fact]
    public void AbcClasses_FromRevenueShareOverTheLookback_PerWarehouse_SetServiceLevelAndZ()
    {
        var state = new SafetyStockState(new SafetyStockOptions());
        Demand(state, "A1", "W", 1, 0, revenue: 8_000);
        Demand(state, "B1", "W", 1, 0, revenue: 1_200);
        Demand(state, "B2", "W", 1, 0, revenue: 500);
        Demand(state, "C1", "W", 1, 0, revenue: 300);
        Demand(state, "ONLY", "W2", 1, 0, revenue: 1);
        state.AdvanceWatermark(Day, 0, _output);

        var t = Thresholds().ToDictionary(x => x.Sku);
        Assert.Equal([AbcClass.A, AbcClass.B, AbcClass.B, AbcClass.C, AbcClass.A], new[] { "A1", "B1", "B2", "C1", "ONLY" }.Select(s => t[s].Class));
        Assert.Equal((0.99, InverseNormal.Quantile(0.99)), (t["A1"].ServiceLevel, t["A1"].Z));
        Assert.Equal((0.95, InverseNormal.Quantile(0.95)), (t["B1"].ServiceLevel, t["B1"].Z));
        Assert.Equal((0.90, InverseNormal.Quantile(0.90)), (t["C1"].ServiceLevel, t["C1"].Z));
    }

    [Fact]
    public void AbcClasses_AreRecomputedDaily_AsRevenueLeavesTheLookback()
    {
        var state = new SafetyStockState(new SafetyStockOptions { Lookback = TimeSpan.FromDays(3), MinHistoryDays = 1 });
        Demand(state, "X", "W", 1, 0, revenue: 900);
        Demand(state, "Y", "W", 1, 0, revenue: 100);
        state.AdvanceWatermark(Day, 0, _output);
        Demand(state, "Y", "W", 1, 3, revenue: 100);
        state.AdvanceWatermark(4 * Day, 0, _output);

        var byDay = Thresholds().GroupBy(t => t.BucketStartMs / Day).ToDictionary(g => g.Key, g => g.ToDictionary(t => t.Sku, t => t.Class));
        Assert.Equal((AbcClass.A, AbcClass.B), (byDay[0]["X"], byDay[0]["Y"]));
        Assert.Equal((AbcClass.A, AbcClass.B), (byDay[2]["X"], byDay[2]["Y"]));
        Assert.Equal((AbcClass.C, AbcClass.A), (byDay[3]["X"], byDay[3]["Y"])); // day 0 left the 3-day window
    }

    [Fact]
    public void Thresholds_MatchTheCalculator_OnTheSameInputs()
    {
        var options = new SafetyStockOptions { MinHistoryDays = 3 };
        var state = new SafetyStockState(options);
        state.OnInventory(Snapshot("S", "W", 400, 0), long.MinValue, 0, _output);
        int[] units = [12, 0, 7, 30, 0, 0, 9];
        for (var d = 0; d < units.Length; d++)
        {
            if (units[d] != 0)
            {
                Demand(state, "S", "W", units[d], d, revenue: 100); // revenue makes it class A
            }
        }

        state.AdvanceWatermark(units.Length * Day, 0, _output);
        var t = Thresholds().Last();
        var mean = units.Average();
        var std = Math.Sqrt(units.Sum(u => (u - mean) * (u - mean)) / (units.Length - 1));
        var z = InverseNormal.Quantile(0.99); // the only SKU in its warehouse: class A
        var ss = SafetyStockCalculator.SafetyStock(z, mean, std, 7, 2);
        Assert.Equal((mean, std, 7.0, 2.0, true), (t.DemandMean, t.DemandStdDev, t.LeadTimeMeanDays, t.LeadTimeStdDevDays, t.LeadTimeIsDefault), new ToleranceComparer());
        Assert.Equal(ss, t.SafetyStock, 1e-9);
        Assert.Equal((mean * 7) + ss, t.ReorderPoint, 1e-9);
        Assert.Equal(400 - units.Sum(), t.OnHand);
        Assert.Equal((400.0 - units.Sum()) / mean, t.DaysOfCover, 1e-9);
        Assert.Equal(units.Length * Day, t.ComputedAtMs);
    }

    private IEnumerable<StockThreshold> Thresholds() =>
        _output.Where(o => o.Value.Kind == SafetyStockOutputKind.Threshold).Select(o => o.Value.Threshold);

    private void Demand(SafetyStockState state, string sku, string warehouse, int units, long day, string category = "c", long revenue = 0) =>
        state.OnDemand(new DemandEvent(sku, warehouse, units, revenue, category), (day * Day) + Hour, long.MinValue, 0, _output);

    private sealed class ToleranceComparer : IEqualityComparer<(double, double, double, double, bool)>
    {
        public bool Equals((double, double, double, double, bool) x, (double, double, double, double, bool) y) =>
            Math.Abs(x.Item1 - y.Item1) < 1e-9 && Math.Abs(x.Item2 - y.Item2) < 1e-9 && Math.Abs(x.Item3 - y.Item3) < 1e-9
            && Math.Abs(x.Item4 - y.Item4) < 1e-9 && x.Item5 == y.Item5;

        public int GetHashCode((double, double, double, double, bool) obj) => 0;
    }
}
