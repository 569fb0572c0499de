using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;
using static StreamEngine.Core.Tests.Inventory.InventoryEvents;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class SafetyStockStateTests
{
    private readonly List<StreamItem<SafetyStockOutput>> _output = [];

    [Fact]
    public void OnHand_FollowsSnapshotsSalesReceiptsAndAdjustments_IgnoringMovesBeforeTheSnapshot()
    {
        var state = new SafetyStockState(new SafetyStockOptions());
        state.OnInventory(Snapshot("S", "W", 100, 1_000), long.MinValue, 0, _output);
        Demand(state, "S", "W", 5, 500);              // before the snapshot: already in it
        Demand(state, "S", "W", 3, 2_000);            // 97
        state.OnInventory(Receipt("S", "W", "SUP", 20, 1, 100, 2_500), long.MinValue, 0, _output); // 117
        state.OnInventory(Adjustment("S", "W", -7, 2_600), long.MinValue, 0, _output);              // 110
        Demand(state, "S", "W", -2, 2_700);           // refund: money back, not stock: still 110
        Assert.Equal(110, state.Position("S", "W").OnHand);

        state.OnInventory(Snapshot("S", "W", 50, 900), long.MinValue, 0, _output);
        Assert.Equal(110, state.Position("S", "W").OnHand);
        Assert.Equal(1, state.StaleSnapshots);

        state.OnInventory(Snapshot("S", "W", 60, 3_000), long.MinValue, 0, _output);
        Assert.Equal(60, state.Position("S", "W").OnHand);
    }

    [Fact]
    public void Refund_IsNettedIntoTheBucketOfItsOwnTime_AndDoesNotMoveOnHand()
    {
        var state = new SafetyStockState(new SafetyStockOptions { MinHistoryDays = 1 });
        state.OnInventory(Snapshot("S", "W", 100, 0), long.MinValue, 0, _output);
        Demand(state, "S", "W", 5, Hour);             // day 0
        Demand(state, "S", "W", 3, Day + Hour);       // day 1
        Demand(state, "S", "W", -2, (2 * Day) + Hour); // day 2: a refund of day 0's purchase
        state.AdvanceWatermark(3 * Day, 0, _output);

        var means = _output.Where(o => o.Value.Kind == SafetyStockOutputKind.Threshold)
            .Select(o => (o.Value.Threshold.BucketStartMs / Day, o.Value.Threshold.DemandMean)).ToList();
        Assert.Equal([(0L, 5.0), (1L, 4.0), (2L, 2.0)], means); // day 0 keeps its 5; days 0..2 net 6 units
        Assert.Equal(92, state.Position("S", "W").OnHand);
    }

    [Fact]
    public void MoreRefundedThanSoldOverTheWindow_IsZeroDemand_NeverNegative()
    {
        var state = new SafetyStockState(new SafetyStockOptions { MinHistoryDays = 1 });
        state.OnInventory(Snapshot("S", "W", 10, 0), long.MinValue, 0, _output);
        Demand(state, "S", "W", 1, Hour);
        Demand(state, "S", "W", -3, Day + Hour);
        state.AdvanceWatermark(2 * Day, 0, _output);

        var day1 = _output.Last(o => o.Value.Kind == SafetyStockOutputKind.Threshold).Value.Threshold;
        Assert.Equal((Day, 0.0), (day1.BucketStartMs, day1.DemandMean));
        Assert.Equal(Math.Sqrt(8), day1.DemandStdDev, 1e-12); // [1, -3]: the variability is kept
        Assert.True(day1.ReorderPoint > 0 && double.IsPositiveInfinity(day1.DaysOfCover), $"ROP {day1.ReorderPoint}, cover {day1.DaysOfCover}");
    }

    [Fact]
    public void Snapshot_ArrivingAfterNewerMovements_KeepsThoseMovements()
    {
        var state = new SafetyStockState(new SafetyStockOptions());
        const long watermark = 10 * Hour;
        state.OnInventory(Snapshot("S", "W", 100, Hour), long.MinValue, 0, _output);
        state.OnDemand(new DemandEvent("S", "W", 5, 0, "c"), watermark + 30_000, watermark, 0, _output);            // after the coming snapshot
        state.OnDemand(new DemandEvent("S", "W", 3, 0, "c"), watermark + 5_000, watermark, 0, _output);             // before it
        state.OnInventory(Adjustment("S", "W", 2, watermark + 40_000), watermark, 0, _output);                       // after it
        state.OnInventory(Snapshot("S", "W", 70, watermark + 10_000), watermark, 0, _output);

        // 70 counted at +10 s already includes the sale at +5 s; the sale at +30 s and the adjustment at +40 s are added.
        Assert.Equal(70 - 5 + 2, state.Position("S", "W").OnHand);
        Assert.Equal(0, state.LateSnapshots);

        // Brute force: every permutation of the same events ends with the same on hand.
        var events = new (long Time, int Delta, bool IsSnapshot)[]
        {
            (watermark + 30_000, -5, false), (watermark + 5_000, -3, false), (watermark + 40_000, 2, false), (watermark + 10_000, 70, true),
        };
        foreach (var order in Permutations([0, 1, 2, 3]))
        {
            var s = new SafetyStockState(new SafetyStockOptions());
            foreach (var i in order)
            {
                var (time, delta, isSnapshot) = events[i];
                if (isSnapshot)
                {
                    s.OnInventory(Snapshot("S", "W", delta, time), watermark, 0, _output);
                }
                else
                {
                    s.OnInventory(Adjustment("S", "W", delta, time), watermark, 0, _output);
                }
            }

            Assert.Equal(67, s.Position("S", "W").OnHand);
        }
    }

    [Fact]
    public void OnOrder_OpenPurchaseOrdersUntilTheirReceipt_EvenWhenTheReceiptArrivesFirst()
    {
        var state = new SafetyStockState(new SafetyStockOptions());
        state.OnInventory(PurchaseOrder("S", "W", "SUP", 50, 1, 10), long.MinValue, 0, _output);
        state.OnInventory(PurchaseOrder("S", "W", "SUP", 30, 2, 20), long.MinValue, 0, _output);
        Assert.Equal(80, state.Position("S", "W").OnOrder);

        state.OnInventory(Receipt("S", "W", "SUP", 50, 1, 10, 5_000), long.MinValue, 0, _output);
        Assert.Equal((50L, 30L), state.Position("S", "W"));

        state.OnInventory(Receipt("S", "W", "SUP", 40, 3, 10, 6_000), long.MinValue, 0, _output);
        state.OnInventory(PurchaseOrder("S", "W", "SUP", 40, 3, 30), long.MinValue, 0, _output);
        Assert.Equal((90L, 30L), state.Position("S", "W"));
    }

    [Fact]
    public void LeadTime_UsesConfiguredDefaultsUntilMinReceipts_ThenObservedStatistics()
    {
        var options = new SafetyStockOptions { MinReceipts = 3 };
        options.DefaultLeadTimeBySupplier["SUP"] = new LeadTimeDefault { Mean = TimeSpan.FromDays(5), StdDev = TimeSpan.FromDays(1) };
        options.DefaultLeadTimeByWarehouse["W2"] = new LeadTimeDefault { Mean = TimeSpan.FromDays(9), StdDev = TimeSpan.FromDays(3) };
        var state = new SafetyStockState(options);

        Assert.Equal((5.0, 1.0, true), state.LeadTime("SUP", "W"));
        Assert.Equal((9.0, 3.0, true), state.LeadTime("OTHER", "W2"));
        Assert.Equal((7.0, 2.0, true), state.LeadTime(null, "W"));

        double[] leadDays = [2, 4, 9];
        for (var i = 0; i < leadDays.Length; i++)
        {
            Assert.True(state.LeadTime("SUP", "W").IsDefault);
            var ordered = 10 * Day * (i + 1);
            state.OnInventory(Receipt("S", "W", "SUP", 1, (ulong)i, ordered, ordered + (long)(leadDays[i] * Day)), long.MinValue, 0, _output);
        }

        var (mean, std, isDefault) = state.LeadTime("SUP", "W");
        Assert.False(isDefault);
        Assert.Equal(5, mean, 1e-12);
        Assert.Equal(Math.Sqrt((9 + 1 + 16) / 2.0), std, 1e-12);
        Assert.True(state.LeadTime("SUP", "W2").IsDefault); // statistics are per supplier and warehouse
    }

    [Fact]
    public void Signal_IsEmittedExactlyOncePerCrossing_AndRearmedAboveRop()
    {
        var state = SteadyState(out var rop);
        Assert.Equal(20, rop, 1e-9); // d = 10/day, σ = 0, L = 2 days
        var t = (10 * Day) + Hour;
        state.OnInventory(Snapshot("S", "W", 25, t), 10 * Day, 0, _output);
        Demand(state, "S", "W", 3, t + 1);   // 22
        Demand(state, "S", "W", 3, t + 2);   // 19 -> signal 1
        Demand(state, "S", "W", 1, t + 3);   // 18
        Demand(state, "S", "W", 2, t + 4);   // 16
        state.OnInventory(Adjustment("S", "W", 12, t + 5), 10 * Day, 0, _output); // 28 -> re-armed
        Demand(state, "S", "W", 10, t + 6);  // 18 -> signal 2
        state.AdvanceWatermark(11 * Day, 0, _output); // recompute while still below: no new signal

        var signals = _output.Where(o => o.Value.Kind == SafetyStockOutputKind.Signal).Select(o => o.Value.Signal).ToList();
        Assert.Equal(2, signals.Count);
        Assert.Equal((t + 2, 19L), (signals[0].TimeMs, signals[0].OnHand));
        Assert.Equal(20 + (10 * 7) - 19, signals[0].SuggestedQuantity); // order up to ROP + d·review period
        Assert.Equal((t + 6, 18L), (signals[1].TimeMs, signals[1].OnHand));
        Assert.Equal(t + 2, _output.First(o => o.Value.Kind == SafetyStockOutputKind.Signal).TimeMs);
    }

    [Fact]
    public void Signals_OverARandomWalk_EqualTheNumberOfDownwardCrossings()
    {
        var state = SteadyState(out var rop);
        var random = new Random(99);
        var t = (10 * Day) + Hour;
        state.OnInventory(Snapshot("S", "W", 30, t), 10 * Day, 0, _output);
        long position = 30;
        var crossings = 0;
        var above = true;
        for (var i = 1; i <= 5_000; i++)
        {
            var delta = random.Next(-4, 5);
            state.OnInventory(Adjustment("S", "W", delta, t + i), 10 * Day, 0, _output);
            position += delta;
            if (position <= rop && above)
            {
                crossings++;
            }

            above = position > rop;
        }

        Assert.True(crossings > 10, $"the walk should cross often, crossed {crossings}");
        Assert.Equal(crossings, _output.Count(o => o.Value.Kind == SafetyStockOutputKind.Signal));
    }

    [Fact]
    public void Signal_CountsOnOrderInThePosition()
    {
        var state = SteadyState(out _);
        var t = (10 * Day) + Hour;
        state.OnInventory(Snapshot("S", "W", 15, t), 10 * Day, 0, _output);
        Assert.Single(_output, o => o.Value.Kind == SafetyStockOutputKind.Signal);
        _output.Clear();

        state.OnInventory(PurchaseOrder("S", "W", "SUP", 50, 7, t + 1), 10 * Day, 0, _output); // 65 > 20: re-armed
        state.OnInventory(Snapshot("S", "W", 0, t + 2), 10 * Day, 0, _output);               // 50: still above
        Assert.DoesNotContain(_output, o => o.Value.Kind == SafetyStockOutputKind.Signal);
    }

    [Fact]
    public void Gauges_CountSkusAtOrBelowRopAndAtZeroStockPerWarehouse()
    {
        var state = SteadyState(out _);
        var t = (10 * Day) + Hour;
        state.OnInventory(Snapshot("S", "W", 0, t), 10 * Day, 0, _output);
        state.OnInventory(Snapshot("T", "W2", 5, t), 10 * Day, 0, _output);
        var gauges = state.GetGauges().ToDictionary(g => g.Warehouse);
        Assert.Equal(new WarehouseStockGauge("W", 1, 1), gauges["W"]);
        Assert.Equal(new WarehouseStockGauge("W2", 0, 0), gauges["W2"]); // no threshold yet: not below ROP

        state.OnInventory(Snapshot("S", "W", 500, t + 1), 10 * Day, 0, _output);
        Assert.Equal(new WarehouseStockGauge("W", 0, 0), state.GetGauges().Single(g => g.Warehouse == "W"));
    }

    private static IEnumerable<int[]> Permutations(int[] items) =>
        items.Length <= 1 ? [items] : items.SelectMany(x => Permutations(items.Where(y => y != x).ToArray()).Select(rest => (int[])[x, .. rest]));

    private void Demand(SafetyStockState state, string sku, string warehouse, int units, long timeMs) =>
        state.OnDemand(new DemandEvent(sku, warehouse, units, 0, "cat"), timeMs, long.MinValue, 0, _output);

    /// <summary>10 days of 10 units/day of S in W, lead time fixed at 2 days, 1000 on hand at the start.</summary>
    private SafetyStockState SteadyState(out double rop)
    {
        var options = new SafetyStockOptions { MinHistoryDays = 1, DefaultLeadTime = new LeadTimeDefault { Mean = TimeSpan.FromDays(2), StdDev = TimeSpan.Zero } };
        var state = new SafetyStockState(options);
        state.OnInventory(Snapshot("S", "W", 1000, 0), long.MinValue, 0, _output);
        for (var d = 0; d < 10; d++)
        {
            Demand(state, "S", "W", 10, (d * Day) + Hour);
            state.AdvanceWatermark((d + 1) * Day, 0, _output);
        }

        var last = _output.Last(o => o.Value.Kind == SafetyStockOutputKind.Threshold).Value.Threshold;
        rop = last.ReorderPoint;
        Assert.DoesNotContain(_output, o => o.Value.Kind == SafetyStockOutputKind.Signal);
        _output.Clear();
        return state;
    }
}
