using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Features.Checkpoints;

public sealed class AnomalyDetectorCheckpointTests
{
    private static readonly FeatureOptions Options = new()
    {
        AnomalyZ = 1.5, AnomalyConsecutiveMinutes = 2, AnomalyWarmupMinutes = 10, AnomalyMinViewsForConversion = 3,
    };

    [Theory]
    [InlineData(0.18, 0.49, 0.49, 0.83)]
    [InlineData(0.6, 0.97)]
    public void Restored_Baselines_FedTheReplayedWindows_EmitExactlyTheRowsOfAnUninterruptedRun(params double[] at)
    {
        var arrivals = SimulatedClicks.ThreeDays;
        var splits = at.Select(f => (int)(f * arrivals.Count)).ToList();

        var uninterrupted = CheckpointReplay.Uninterrupted(arrivals, NewStore, Pipeline);
        var restored = CheckpointReplay.Interrupted(arrivals, splits, NewStore, Pipeline);

        Assert.True(StreamFeed.Events(uninterrupted).Count > 50);

        // The replay re-emits minutes the restored baselines already folded: the detector must skip each of them.
        Assert.All(restored.Restarts, r => Assert.True(r.Committed < r.Position, $"no minute window open at {r.Position}"));
        CheckpointReplay.AssertSameOutput(uninterrupted, restored.Output);
    }

    internal static AnomalyDetector NewStore() => new(Options, 3);

    // As AnomalyFeature wires it: the minute windows take every replayed click, not the checkpointed inputs.
    internal static IObservable<StreamItem<AnomalyRow>> Pipeline(
        IObservable<StreamItem<ClickEvent>> all, IObservable<StreamItem<ClickEvent>> checkpointed, AnomalyDetector detector) =>
        Anomalies.Build(all, detector);
}
