using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;
using StreamEngine.Host.Checkpoints;
using StreamEngine.Host.Engine;

namespace StreamEngine.IntegrationTests.Checkpoints;

/// <summary>
/// Registering checkpointed state on a task's streams: restored from the task's checkpoint, and fed only the records
/// the checkpoint does not already contain, while watermark punctuations always pass.
/// </summary>
public sealed class CheckpointedStreamsTests
{
    [Fact]
    public void RestoredStreams_SkipRecordsBelowThePosition_PassLaterRecordsAndPunctuations()
    {
        using var streams = new PartitionStreams(3, Checkpoint(clickstream: 100, transactions: 7, withCount: 5));
        var state = new ClickCountState();
        var inputs = streams.Checkpointed(ClickCountFeature.StateName, state);
        var clicks = new List<StreamItem<ClickEvent>>();
        var payments = new List<long>();
        using var c = inputs.Clicks.Subscribe(clicks.Add);
        using var p = inputs.Payments.Subscribe(i => payments.Add(i.Offset));

        // Replay from the committed offset 97: 97..99 are already in the restored state.
        foreach (var offset in new long[] { 97, 98, 99, 100, 101 })
        {
            streams.ClickInput.OnNext(StreamItem.Event(default(ClickEvent), 1_000 + offset, 0, offset));
        }

        streams.ClickInput.OnNext(StreamItem.Punctuation<ClickEvent>(5_000));
        foreach (var offset in new long[] { 5, 6, 7, 8 })
        {
            streams.PaymentInput.OnNext(StreamItem.Event(default(PaymentEvent), 1_000, 0, offset));
        }

        Assert.Equal(5, state.Count);
        Assert.Equal([100L, 101L, long.MaxValue], clicks.Select(i => i.Offset));
        Assert.True(clicks[^1].IsPunctuation);
        Assert.Equal([7L, 8L], payments);
        Assert.Equal(3, inputs.Partition);
    }

    [Fact]
    public void UnrestoredStreams_PassEveryRecord()
    {
        using var streams = new PartitionStreams(0, restored: null);
        var inputs = streams.Checkpointed(ClickCountFeature.StateName, new ClickCountState());
        var offsets = new List<long>();
        using var subscription = inputs.Clicks.Subscribe(i => offsets.Add(i.Offset));

        streams.ClickInput.OnNext(StreamItem.Event(default(ClickEvent), 1_000, 0, 0));
        streams.ClickInput.OnNext(StreamItem.Event(default(ClickEvent), 1_000, 0, 1));

        Assert.Equal([0L, 1L], offsets);
    }

    [Fact]
    public void Capture_ThenRestoreIntoAFreshState_GivesTheSameState()
    {
        using var original = new PartitionStreams(1, restored: null);
        var state = new ClickCountState();
        original.Checkpointed(ClickCountFeature.StateName, state);
        state.Fold(10);
        state.Fold(11);

        var image = original.Capture([12, -1, -1, -1]).Encode();
        using var restored = new PartitionStreams(1, PartitionCheckpoint.Decode(image));
        var copy = new ClickCountState();
        restored.Checkpointed(ClickCountFeature.StateName, copy);

        Assert.Equal((2L, 11L, 0L), (copy.Count, copy.LastOffset, copy.Refolded));
    }

    [Fact]
    public void CheckpointWithoutTheRegisteredState_IsUnusable()
    {
        using var streams = new PartitionStreams(0, Checkpoint(clickstream: 1, transactions: -1, withCount: 1));

        var error = Assert.Throws<InvalidDataException>(() => streams.Checkpointed("another-state", new ClickCountState()));

        Assert.Contains("another-state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StateBytesOfAnotherLayout_AreUnusable()
    {
        var checkpoint = new PartitionCheckpoint([1, -1, -1, -1], new Dictionary<string, byte[]> { [ClickCountFeature.StateName] = [1, 2, 3] });
        using var streams = new PartitionStreams(0, checkpoint);

        Assert.Throws<InvalidDataException>(() => streams.Checkpointed(ClickCountFeature.StateName, new ClickCountState()));
    }

    [Fact]
    public void SameNameRegisteredTwice_Throws()
    {
        using var streams = new PartitionStreams(0, restored: null);
        streams.Checkpointed("twice", new ClickCountState());

        Assert.Throws<InvalidOperationException>(() => streams.Checkpointed("twice", new ClickCountState()));
    }

    private static PartitionCheckpoint Checkpoint(long clickstream, long transactions, long withCount)
    {
        var state = new ClickCountState();
        for (var i = 0; i < withCount; i++)
        {
            state.Fold(i);
        }

        return new PartitionCheckpoint(
            [clickstream, transactions, -1, -1],
            new Dictionary<string, byte[]> { [ClickCountFeature.StateName] = StateSnapshot.Capture(state) });
    }
}
