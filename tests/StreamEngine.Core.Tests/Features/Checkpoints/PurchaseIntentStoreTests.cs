using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Features.Checkpoints;

public sealed class PurchaseIntentStoreTests
{
    // Three views in a quarter of an hour: the simulated shoppers browse a category a few times per visit.
    private static readonly FeatureOptions Options = new() { IntentThreshold = 3, IntentWindow = TimeSpan.FromMinutes(15), IntentCooldown = TimeSpan.FromMinutes(45) };

    [Theory]
    [InlineData(0.21, 0.52, 0.52, 0.8)]
    [InlineData(0.45, 0.9)]
    public void Restored_Store_EmitsExactlyTheSignalsOfAnUninterruptedRun(params double[] at)
    {
        var arrivals = SimulatedClicks.ThreeDays;
        var splits = at.Select(f => (int)(f * arrivals.Count)).ToList();
        Assert.All(splits, s => Assert.True(SimulatedClicks.SessionsOpenAt(arrivals, s, Options.SessionGap) > 0, $"no session open at {s}"));

        var uninterrupted = CheckpointReplay.Uninterrupted(arrivals, NewStore, Pipeline);
        var restored = CheckpointReplay.Interrupted(arrivals, splits, NewStore, Pipeline);

        Assert.True(StreamFeed.Events(uninterrupted).Count > 100);
        Assert.All(restored.Restarts, r => Assert.True(r.Committed < r.Position, $"nothing buffered at {r.Position}"));
        CheckpointReplay.AssertSameOutput(uninterrupted, restored.Output);
    }

    [Fact]
    public void Restore_WithAnotherIntentThreshold_Throws()
    {
        var bytes = FeatureStoreCheckpoints.Early(NewStore, Pipeline);
        var other = new PurchaseIntentStore(new FeatureOptions { IntentThreshold = Options.IntentThreshold + 1 });

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(other, bytes));
        Assert.Contains("IntentThreshold", error.Message, StringComparison.Ordinal);
    }

    internal static PurchaseIntentStore NewStore() => new(Options);

    internal static IObservable<StreamItem<IntentSignal>> Pipeline(
        IObservable<StreamItem<ClickEvent>> all, IObservable<StreamItem<ClickEvent>> checkpointed, PurchaseIntentStore store) =>
        PurchaseIntent.Build(checkpointed, store, 3);
}
