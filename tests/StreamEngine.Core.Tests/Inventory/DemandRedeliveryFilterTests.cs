using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Inventory;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class DemandRedeliveryFilterTests
{
    [Fact]
    public void RecordsAtOrBeforeTheirProducersLastPosition_AreRedeliveries_PerProducerAndKind()
    {
        var filter = new DemandRedeliveryFilter();
        long offset = 0;
        bool Judge(DemandSourceKind kind, int partition, long sourceOffset, int line = 0) =>
            filter.IsRedelivery(new DemandSource(kind, partition, sourceOffset, line), offset++);

        Assert.False(Judge(DemandSourceKind.Purchase, 0, 10));
        Assert.False(Judge(DemandSourceKind.Purchase, 0, 12));
        Assert.False(Judge(DemandSourceKind.Purchase, 1, 3));     // another producer has its own order
        Assert.False(Judge(DemandSourceKind.Refund, 0, 5, 0));    // refunds come from another topic: their own order
        Assert.False(Judge(DemandSourceKind.Refund, 0, 5, 1));    // the next line of the same refund

        // Producer 0 restarted from its checkpoint and re-derives what it had written.
        Assert.True(Judge(DemandSourceKind.Purchase, 0, 10));
        Assert.True(Judge(DemandSourceKind.Purchase, 0, 12));
        Assert.True(Judge(DemandSourceKind.Refund, 0, 5, 1));
        Assert.False(Judge(DemandSourceKind.Purchase, 0, 13));    // then new demand again
        Assert.False(Judge(DemandSourceKind.Refund, 0, 5, 2));
        Assert.Equal(3, filter.Count);
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
        filter.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 40, 0), 99);
        var restored = new DemandRedeliveryFilter();
        StateSnapshot.Restore(restored, StateSnapshot.Capture(filter));
        restored.ReplayBelow(100);

        Assert.False(restored.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 40, 0), 99)); // the replay: its state skips it
        Assert.True(restored.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 40, 0), 100));
        Assert.False(restored.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 41, 0), 101));
    }

    [Fact]
    public void CheckpointNamingAProducerTwice_IsRejected()
    {
        var filter = new DemandRedeliveryFilter();
        filter.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 2, 40, 0), 0);
        filter.IsRedelivery(new DemandSource(DemandSourceKind.Purchase, 3, 40, 0), 1);
        var bytes = StateSnapshot.Capture(filter);
        bytes[^3] = 2; // kind, partition, offset, line: the second producer's partition becomes the first's

        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new DemandRedeliveryFilter(), bytes));
    }
}
