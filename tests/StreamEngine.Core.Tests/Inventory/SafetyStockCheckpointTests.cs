using System.Reflection;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;
using static StreamEngine.Core.Tests.Inventory.InventoryEvents;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class SafetyStockCheckpointTests
{
    // A 14-day lookback over the 3-week feed wraps the demand rings; 5 lead-time receipts wrap those rings too.
    private static readonly SafetyStockOptions FeedOptions = new() { Lookback = TimeSpan.FromDays(14), LeadTimeReceipts = 5 };

    [Fact]
    public void Restored_State_ContinuesExactlyLikeAnUninterruptedOne()
    {
        var items = SimulatedStockFeed.Shared.Items;
        var reference = StockRun.Feed(items, FeedOptions, []);
        var thresholds = reference.Outputs.Where(o => o.Kind == SafetyStockOutputKind.Threshold).Select(o => o.Threshold).ToList();
        var signals = reference.Outputs.Where(o => o.Kind == SafetyStockOutputKind.Signal).ToList();

        // The feed exercises what the checkpoint must carry: classes, observed lead times, signals, late demand.
        Assert.Contains(thresholds, t => t.Class == AbcClass.A);
        Assert.Contains(thresholds, t => t.Class == AbcClass.C);
        Assert.Contains(thresholds, t => !t.LeadTimeIsDefault);
        Assert.True(signals.Count >= 10, $"only {signals.Count} signals");
        Assert.True(reference.State.LateDemandEvents > 0, $"counters {reference.Counters}");

        // Checkpoints at a few points of the run, and right after signals (the SKU is disarmed then) before the end of input.
        var beforeEnd = signals.Where(s => s.Input < items.Count - 2).ToList();
        int[] splits =
        [
            items.Count / 7, items.Count / 3, items.Count / 2, (items.Count * 5) / 6,
            beforeEnd[0].Input + 1, beforeEnd[beforeEnd.Count / 2].Input + 1, beforeEnd[^1].Input + 1,
        ];
        var restored = StockRun.Feed(items, FeedOptions, [.. splits]);

        AssertSameOutputs(reference.Outputs, restored.Outputs);
        Assert.Equal(reference.Counters, restored.Counters);
        Assert.Equal(reference.State.GetGauges().OrderBy(g => g.Warehouse), restored.State.GetGauges().OrderBy(g => g.Warehouse));
        Assert.Equal(splits.Distinct().Count(), restored.Checkpoints);
    }

    [Fact]
    public void Restored_DisarmedSku_SignalsAgainOnlyAfterRisingAboveTheReorderPoint()
    {
        // Defaults: cold-start demand 1 ± 1/day, lead time 7 ± 2 days, class C: ROP ≈ 11.25.
        var before = new List<StockFeedItem>
        {
            StockFeedItem.Of(StreamItem.Event(Snapshot("S", "W", 20, Hour), Hour, 0, 0)),
            StockFeedItem.Of(StreamItem.Punctuation<DemandEvent>(Day + Hour)),
            StockFeedItem.Of(StreamItem.Punctuation<InventoryEvent>(Day + Hour)),                  // bucket 0 closes: ROP exists
            StockFeedItem.Of(StreamItem.Event(new DemandEvent("S", "W", 10, 1_000, "c"), Day + (2 * Hour), Day + Hour, 0)), // 10: signal
        };
        var after = new List<StockFeedItem>
        {
            StockFeedItem.Of(StreamItem.Event(new DemandEvent("S", "W", 1, 100, "c"), Day + (3 * Hour), Day + Hour, 1)),  // 9: still disarmed
            StockFeedItem.Of(StreamItem.Event(Adjustment("S", "W", 20, Day + (4 * Hour)), Day + (4 * Hour), Day + Hour, 1)), // 29: re-armed
            StockFeedItem.Of(StreamItem.Event(new DemandEvent("S", "W", 20, 2_000, "c"), Day + (5 * Hour), Day + Hour, 2)), // 9: signal
        };

        var uninterrupted = StockRun.Feed([.. before, .. after], new SafetyStockOptions(), []);
        var restored = StockRun.Feed([.. before, .. after], new SafetyStockOptions(), [before.Count]);

        AssertSameOutputs(uninterrupted.Outputs, restored.Outputs);
        var signals = restored.Outputs.Where(o => o.Kind == SafetyStockOutputKind.Signal).ToList();
        Assert.Equal([(before.Count - 1, 10L), (before.Count + 2, 9L)], signals.Select(s => (s.Input, s.Signal.OnHand)));
    }

    [Fact]
    public void Restored_Pipeline_ResumesAtTheJoinedWatermarkItHad()
    {
        var before = new List<StockFeedItem>
        {
            StockFeedItem.Of(StreamItem.Event(Snapshot("S", "W", 20, Hour), Hour, 0, 0)),
            StockFeedItem.Of(StreamItem.Punctuation<DemandEvent>(5 * Day)),
            StockFeedItem.Of(StreamItem.Punctuation<InventoryEvent>(Day)),
        };
        List<StockFeedItem> after = [StockFeedItem.Of(StreamItem.Punctuation<InventoryEvent>(3 * Day))];

        var uninterrupted = StockRun.Feed([.. before, .. after], new SafetyStockOptions(), []);
        var restored = StockRun.Feed([.. before, .. after], new SafetyStockOptions(), [before.Count]);

        // Demand's watermark (5 days) was saved, so the inventory watermark alone closes buckets 1 and 2.
        AssertSameOutputs(uninterrupted.Outputs, restored.Outputs);
        Assert.Equal([0L, Day, 2 * Day], restored.Outputs.Select(o => o.Threshold.BucketStartMs));
    }

    [Fact]
    public void Restore_TruncatedBytes_ThrowInvalidDataException()
    {
        var bytes = StateSnapshot.Capture(SmallState(out var options));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new SafetyStockState(options), bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Restore_UnknownVersion_ThrowsInvalidDataException()
    {
        var bytes = StateSnapshot.Capture(SmallState(out var options));
        bytes[0] = 2;
        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new SafetyStockState(options), bytes));
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_UnderOtherLookbackSettings_ThrowsInvalidDataException()
    {
        var bytes = StateSnapshot.Capture(SmallState(out _));
        var shorter = SmallOptions();
        shorter.Lookback = TimeSpan.FromDays(14);
        var wider = SmallOptions();
        wider.OpenBuckets = 5;
        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new SafetyStockState(shorter), bytes));
        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new SafetyStockState(wider), bytes));
        StateSnapshot.Restore(new SafetyStockState(SmallOptions()), bytes);
    }

    [Fact]
    public void Restore_AnyGarbledByte_FailsOnlyWithInvalidDataException()
    {
        // Flipped bits inside a number are caught by the checkpoint image's checksum; the state's own checks catch
        // impossible structure (counts, flags, classes, ring slots, duplicates) and must never fail another way.
        var bytes = StateSnapshot.Capture(SmallState(out var options));
        var rejected = new List<int>();
        for (var i = 0; i < bytes.Length; i++)
        {
            var garbled = bytes.ToArray();
            garbled[i] ^= 0xFF;
            var error = Record.Exception(() => StateSnapshot.Restore(new SafetyStockState(options), garbled));
            Assert.True(error is null or InvalidDataException, $"byte {i}: {error}");
            if (error is not null)
            {
                rejected.Add(i);
            }
        }

        // The version and the settings the layout depends on (bucket size, lookback, open buckets, lead-time receipts).
        Assert.Subset(rejected.ToHashSet(), Enumerable.Range(0, 1 + 8 + 4 + 4 + 4).ToHashSet());
    }

    [Fact]
    public void Restore_DuplicateSku_ThrowsInvalidDataException()
    {
        var bytes = StateSnapshot.Capture(SmallState(out var options));
        var second = bytes.AsSpan().IndexOf("S2"u8);
        "S1"u8.CopyTo(bytes.AsSpan(second));
        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new SafetyStockState(options), bytes));
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_MalformedStringLength_ThrowsInvalidDataException()
    {
        var bytes = StateSnapshot.Capture(SmallState(out var options));
        var lengthPrefix = bytes.AsSpan().IndexOf("S2"u8) - 1;
        bytes.AsSpan(lengthPrefix, 5).Fill(0xFF); // not a 7-bit-encoded int32
        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new SafetyStockState(options), bytes));
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void Restore_IntoAStateThatHasSeenEvents_Throws()
    {
        var bytes = StateSnapshot.Capture(SmallState(out var options));
        var used = new SafetyStockState(options);
        used.OnInventory(Snapshot("X", "W", 1, Hour), long.MinValue, 0, []);
        Assert.Throws<InvalidOperationException>(() => StateSnapshot.Restore(used, bytes));
    }

    [Fact]
    public void Checkpoint_CoversEveryFieldOfTheState()
    {
        // A field added to the state must be saved in SafetyStockState.Checkpoint.cs, or be scratch that is recomputed
        // before every read; then add it here. Scratch: the day-close values and buffers.
        string[] skuFields =
        [
            "Demand", "Ewma", "Category", "Supplier", "OnHand", "SnapshotTimeMs", "OnOrder", "RecentMoves", "OpenOrders",
            "HasThreshold", "ReorderPoint", "SafetyStock", "DemandMean", "Class", "ThresholdBucketStartMs",
            "SignalDisarmed", "CountedBelow", "CountedZero",
            "RollingMean", "RollingStdDev", "HistoryDays", "Revenue", // scratch
        ];
        string[] stateFields =
        [
            "_options", "_bucketMs", "_reviewPeriodDays", "_zByClass", // from the options
            "_skus", "_leadTimes", "_firstDay", "_maxDay", "_lastClosedDay", "_inventoryWatermarkMs", "_demandWatermarkMs",
            "<LateDemandEvents>k__BackingField", "<ExpiredDemandEvents>k__BackingField", "<StaleSnapshots>k__BackingField", "<LateSnapshots>k__BackingField",
            "_counters", "_published", // rebuilt from the SKU flags
            "_abc", "_categories", "_revenueBuffer", "_classBuffer", // scratch
        ];
        Assert.Equal(skuFields.Order(StringComparer.Ordinal), FieldNames(typeof(SkuWarehouseState)));
        Assert.Equal(stateFields.Order(StringComparer.Ordinal), FieldNames(typeof(SafetyStockState)));
        Assert.Equal(["<Buckets>k__BackingField", "<FirstDay>k__BackingField", "_ring"], FieldNames(typeof(RollingDemandWindow)));
        Assert.Equal(["<Count>k__BackingField", "_ring"], FieldNames(typeof(LeadTimeStats)));
    }

    private static IEnumerable<string> FieldNames(Type type) =>
        type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.Name).Order(StringComparer.Ordinal);

    private static SafetyStockOptions SmallOptions() => new() { LeadTimeReceipts = 3, MinReceipts = 2 };

    /// <summary>A state with every part filled: two SKUs, supplier, open and pre-received orders, moves, wrapped lead-time ring, thresholds, a signal.</summary>
    private static SafetyStockState SmallState(out SafetyStockOptions options)
    {
        options = SmallOptions();
        var state = new SafetyStockState(options);
        List<StreamItem<SafetyStockOutput>> output = [];
        state.OnInventory(Snapshot("S1", "W", 40, Hour), 0, 0, output);
        state.OnDemand(new DemandEvent("S2", "W", 3, 900, "cat"), 2 * Hour, 0, 1, output);
        for (ulong po = 1; po <= 4; po++)
        {
            var orderedAt = (long)po * Hour;
            state.OnInventory(PurchaseOrder("S1", "W", "SUP", 10, po, orderedAt), 0, 2, output);
            state.OnInventory(Receipt("S1", "W", "SUP", 10, po, orderedAt, orderedAt + (long)po * Day), 0, 3, output);
        }

        state.OnInventory(PurchaseOrder("S1", "W", "SUP", 3, 9, 5 * Day), 0, 4, output);      // open
        state.OnInventory(Receipt("S2", "W", "SUP2", 5, 8, Hour, 5 * Day), 0, 5, output);      // its order comes later
        state.AdvanceWatermark(6 * Day, 6, output);
        state.OnDemand(new DemandEvent("S1", "W", 80, 8_000, "cat"), (7 * Day) + Hour, 6 * Day, 7, output); // 0 + 3 on order: signal
        state.OnInventory(Adjustment("S2", "W", -1, (7 * Day) + (2 * Hour)), 6 * Day, 8, output); // remembered move
        Assert.Contains(output, o => o.Value.Kind == SafetyStockOutputKind.Signal);
        return state;
    }

    private static void AssertSameOutputs(IReadOnlyList<StockOutput> expected, IReadOnlyList<StockOutput> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            Assert.True(expected[i] == actual[i], $"output {i} differs:\nexpected {expected[i]}\nactual   {actual[i]}");
        }

        Assert.Equal(expected.Count, actual.Count);
    }
}
