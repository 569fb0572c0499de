using System.Reactive.Subjects;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;
using static StreamEngine.Core.Tests.Inventory.InventoryEvents;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class SafetyStockPipelineTests
{
    [Fact]
    public void BucketsClose_OnlyWhenBothInputsWatermarksPassTheirEnd()
    {
        using var inventory = new Subject<StreamItem<InventoryEvent>>();
        using var demand = new Subject<StreamItem<DemandEvent>>();
        var pipeline = SafetyStockPipeline.Build(inventory, demand, new SafetyStockOptions());
        var output = new List<StreamItem<SafetyStockOutput>>();
        Exception? error = null;
        using var subscription = pipeline.Output.Subscribe(output.Add, e => error = e);

        inventory.OnNext(StreamItem.Event(Snapshot("S", "W", 50, Hour), Hour, 0, 10));
        demand.OnNext(StreamItem.Event(new DemandEvent("S", "W", 4, 400, "c"), 2 * Hour, 0, 20));
        inventory.OnNext(StreamItem.Punctuation<InventoryEvent>(2 * Day));
        Assert.Empty(output); // demand's watermark is still at 0

        demand.OnNext(StreamItem.Punctuation<DemandEvent>(Day + Hour));
        var threshold = Assert.Single(output);
        Assert.Equal(SafetyStockOutputKind.Threshold, threshold.Value.Kind);
        Assert.Equal((0L, Day, 46L), (threshold.Value.Threshold.BucketStartMs, threshold.TimeMs, threshold.Value.Threshold.OnHand));
        Assert.Equal(Day + Hour, threshold.WatermarkMs);
        Assert.Null(error);
    }

    [Fact]
    public void EndOfInputWatermark_ClosesOnlyUpToTheNewestEventsBucket()
    {
        using var inventory = new Subject<StreamItem<InventoryEvent>>();
        using var demand = new Subject<StreamItem<DemandEvent>>();
        var pipeline = SafetyStockPipeline.Build(inventory, demand, new SafetyStockOptions());
        var output = new List<StreamItem<SafetyStockOutput>>();
        using var subscription = pipeline.Output.Subscribe(output.Add, e => Assert.Fail(e.ToString()));

        demand.OnNext(StreamItem.Event(new DemandEvent("S", "W", 4, 400, "c"), (3 * Day) + Hour, 0, 20));
        inventory.OnNext(StreamItem.Event(Snapshot("S", "W", 10, (5 * Day) + Hour), (5 * Day) + Hour, 0, 30));
        inventory.OnNext(StreamItem.Punctuation<InventoryEvent>(long.MaxValue));
        demand.OnNext(StreamItem.Punctuation<DemandEvent>(long.MaxValue));

        // Buckets 3 .. 5 hold input (the last one partial, as every window at the end of input); none after them.
        var thresholds = output.Where(o => o.Value.Kind == SafetyStockOutputKind.Threshold).Select(o => o.Value.Threshold.BucketStartMs / Day);
        Assert.Equal([3L, 4L, 5L], thresholds);
        Assert.Equal(5, pipeline.State.LastClosedBucket);
    }

    [Fact]
    public void WatermarkFarAhead_ClosesAtMostOneLookbackPastTheNewestEvent()
    {
        using var inventory = new Subject<StreamItem<InventoryEvent>>();
        using var demand = new Subject<StreamItem<DemandEvent>>();
        var pipeline = SafetyStockPipeline.Build(inventory, demand, new SafetyStockOptions());
        var output = new List<StreamItem<SafetyStockOutput>>();
        using var subscription = pipeline.Output.Subscribe(output.Add, e => Assert.Fail(e.ToString()));

        demand.OnNext(StreamItem.Event(new DemandEvent("S", "W", 4, 400, "c"), (3 * Day) + Hour, 0, 20));
        inventory.OnNext(StreamItem.Punctuation<InventoryEvent>(100 * Day));
        demand.OnNext(StreamItem.Punctuation<DemandEvent>(100 * Day));

        // Buckets 3 .. 3 + 28 close (the last is a full lookback after the sale: all-zero window).
        var thresholds = output.Where(o => o.Value.Kind == SafetyStockOutputKind.Threshold).ToList();
        Assert.Equal(29, thresholds.Count);
        Assert.Equal(0, thresholds[^1].Value.Threshold.DemandMean);
        Assert.Single(output, o => o.Value.Kind == SafetyStockOutputKind.Signal); // on hand -4 after the sale: one signal
        Assert.Equal(3 + 28, pipeline.State.LastClosedBucket);
    }

    [Fact]
    public void Output_AllowsASingleSubscription_AndCompletesWhenBothInputsComplete()
    {
        using var inventory = new Subject<StreamItem<InventoryEvent>>();
        using var demand = new Subject<StreamItem<DemandEvent>>();
        var pipeline = SafetyStockPipeline.Build(inventory, demand, new SafetyStockOptions());
        var completed = false;
        using var subscription = pipeline.Output.Subscribe(_ => { }, _ => { }, () => completed = true);
        Exception? second = null;
        using var secondSubscription = pipeline.Output.Subscribe(_ => { }, e => second = e);
        Assert.IsType<InvalidOperationException>(second);

        inventory.OnCompleted();
        Assert.False(completed);
        demand.OnCompleted();
        Assert.True(completed);
    }

    [Fact]
    public void Build_InvalidOptions_FailsNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            SafetyStockPipeline.Build(new Subject<StreamItem<InventoryEvent>>(), new Subject<StreamItem<DemandEvent>>(), new SafetyStockOptions { ServiceLevelA = 1.0 }));
        Assert.Contains("StreamEngine:SafetyStock:ServiceLevelA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreValid_AndLeadTimeKeysAreNamed()
    {
        var options = new SafetyStockOptions();
        options.Validate();
        Assert.Equal((28, 0.99, 0.95, 0.90), (options.LookbackBuckets, options.ServiceLevelA, options.ServiceLevelB, options.ServiceLevelC));
        options.DefaultLeadTimeByWarehouse["W9"] = new LeadTimeDefault { Mean = TimeSpan.Zero };
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("StreamEngine:SafetyStock:DefaultLeadTimeByWarehouse:W9:Mean", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(new SafetyStockOptions { Lookback = TimeSpan.FromHours(36) }.Validate);
        Assert.Throws<InvalidOperationException>(new SafetyStockOptions { AbcThresholdB = 0.5 }.Validate);
    }
}
