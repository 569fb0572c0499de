using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Time;
using StreamEngine.Host.Engine;

namespace StreamEngine.IntegrationTests.Engine;

public sealed class WatermarkCheckpointTests
{
    [Fact]
    public void RestoredMaximum_IsAppliedOnceTheTopicsReplayPassesTheCheckpoint_NotBefore()
    {
        var original = NewTracker();
        original.OnEvent((int)InputTopic.Clickstream, 50_000);
        original.OnEvent((int)InputTopic.Clickstream, 20_000);
        var bytes = StateSnapshot.Capture(new WatermarkCheckpoint(original));

        var tracker = NewTracker();
        var restored = new WatermarkCheckpoint(tracker);
        StateSnapshot.Restore(restored, bytes);

        // The replay starts after the 50 s event: on its own it would only reach 20 s.
        tracker.OnEvent((int)InputTopic.Clickstream, 20_000);
        Assert.Equal(20_000, tracker.MaxEventMs((int)InputTopic.Clickstream));

        restored.OnReplayPassed(InputTopic.Clickstream);
        Assert.Equal(50_000, tracker.MaxEventMs((int)InputTopic.Clickstream));

        // Topics without a restored maximum are left alone.
        restored.OnReplayPassed(InputTopic.Inventory);
        Assert.Equal(long.MinValue, tracker.MaxEventMs((int)InputTopic.Inventory));
    }

    [Fact]
    public void Restore_OfAnotherVersion_Throws()
    {
        var bytes = StateSnapshot.Capture(new WatermarkCheckpoint(NewTracker()));
        bytes[0] = 9;
        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new WatermarkCheckpoint(NewTracker()), bytes));
    }

    // An idle timeout far beyond the test's duration: idleness plays no part here.
    private static WatermarkTracker NewTracker()
    {
        var tracker = new WatermarkTracker(TimeSpan.Zero, TimeSpan.FromHours(1));
        foreach (var topic in Enum.GetValues<InputTopic>())
        {
            tracker.AddPartition((int)topic);
        }

        return tracker;
    }
}
