using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Inventory;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class DemandRedeliveryFilterTests
{
    private long _offset;

    [Fact]
    public void PositionsSeenAgain_AreRedeliveries_PerProducerAndKind()
    {
        var filter = new DemandRedeliveryFilter();

        Assert.False(Judge(filter, DemandSourceKind.Purchase, 0, 10));
        Assert.False(Judge(filter, DemandSourceKind.Purchase, 0, 12));
        Assert.False(Judge(filter, DemandSourceKind.Purchase, 1, 10));     // another producer
        Assert.False(Judge(filter, DemandSourceKind.Refund, 0, 10, 0));    // refunds come from another topic
        Assert.False(Judge(filter, DemandSourceKind.Refund, 0, 10, 1));    // the next line of the same refund

        // Producer 0 restarted from its checkpoint and re-derives what it had written.
        Assert.True(Judge(filter, DemandSourceKind.Purchase, 0, 10));
        Assert.True(Judge(filter, DemandSourceKind.Purchase, 0, 12));
        Assert.True(Judge(filter, DemandSourceKind.Refund, 0, 10, 1));
        Assert.False(Judge(filter, DemandSourceKind.Purchase, 0, 13));    // then new demand again
        Assert.Equal(3, filter.Count);
    }

    [Fact]
    public void ANewPositionArrivingAfterGreaterOnes_IsNotARedelivery()
    {
        // A delivery that failed is produced again after later records: position 11 arrives after 12.
        var filter = new DemandRedeliveryFilter();
        Assert.False(Judge(filter, DemandSourceKind.Purchase, 0, 10));
        Assert.False(Judge(filter, DemandSourceKind.Purchase, 0, 12));

        Assert.False(Judge(filter, DemandSourceKind.Purchase, 0, 11));
        Assert.True(Judge(filter, DemandSourceKind.Purchase, 0, 11));
    }

    [Fact]
    public void APositionFurtherBackThanTheReorderWindow_IsARedelivery()
    {
        var filter = new DemandRedeliveryFilter();
        Assert.False(Judge(filter, DemandSourceKind.Purchase, 0, 5));
        Assert.False(Judge(filter, DemandSourceKind.Purchase, 0, 5 + DemandRedeliveryFilter.ReorderWindow));

        Assert.True(Judge(filter, DemandSourceKind.Purchase, 0, 4));
        Assert.False(Judge(filter, DemandSourceKind.Purchase, 0, 6));
    }

    [Fact]
    public void RecordsWithoutASource_AreNeverRedeliveries()
    {
        var filter = new DemandRedeliveryFilter();

        Assert.False(filter.IsRedelivery(default, 0));
        Assert.False(filter.IsRedelivery(default, 1));
        Assert.Equal(0, filter.Count);
    }

    [Fact]
    public void RestoredFilter_KeepsJudgingAfterTheCheckpoint_AndLeavesTheReplayBeforeItAlone()
    {
        var filter = new DemandRedeliveryFilter();
        filter.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 40, 0), 98);
        filter.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 42, 0), 99);
        var restored = new DemandRedeliveryFilter();
        StateSnapshot.Restore(restored, StateSnapshot.Capture(filter));
        restored.ReplayBelow(100);

        Assert.False(restored.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 40, 0), 98)); // the replay: its state skips it
        Assert.True(restored.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 40, 0), 100));
        Assert.False(restored.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 41, 0), 101));
    }

    [Fact]
    public void CheckpointNamingAPositionTwice_IsRejected()
    {
        var filter = new DemandRedeliveryFilter();
        filter.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 40, 0), 0);
        filter.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 41, 0), 1);
        var bytes = StateSnapshot.Capture(filter);
        bytes[^2] = 40; // the second position (offset, line) becomes the first

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new DemandRedeliveryFilter(), bytes));
        Assert.Contains("repeated", error.Message, StringComparison.Ordinal);
    }

    private bool Judge(DemandRedeliveryFilter filter, DemandSourceKind kind, int partition, long sourceOffset, int line = 0) =>
        filter.IsRedelivery(new DemandSource(kind, partition, sourceOffset, line), _offset++);
}
