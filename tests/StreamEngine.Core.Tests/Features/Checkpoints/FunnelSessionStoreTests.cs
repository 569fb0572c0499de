using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Features.Checkpoints;

public sealed class FunnelSessionStoreTests
{
    private static readonly FeatureOptions Options = new();

    [Theory]
    [InlineData(0.07, 0.41, 0.41, 0.76)]
    [InlineData(0.33, 0.66, 0.99)]
    public void Restored_Store_EmitsExactlyTheFunnelRowsOfAnUninterruptedRun(params double[] at)
    {
        var arrivals = SimulatedClicks.ThreeDays;
        var splits = at.Select(f => (int)(f * arrivals.Count)).ToList();
        Assert.All(splits, s => Assert.True(SimulatedClicks.SessionsOpenAt(arrivals, s, Options.SessionGap) > 0, $"no session open at {s}"));

        var uninterrupted = CheckpointReplay.Uninterrupted(arrivals, NewStore, Pipeline);
        var restored = CheckpointReplay.Interrupted(arrivals, splits, NewStore, Pipeline);

        Assert.True(StreamFeed.Events(uninterrupted).Count > 1_000);
        Assert.All(restored.Restarts, r => Assert.True(r.Committed < r.Position, $"no open window or buffered click at {r.Position}"));
        CheckpointReplay.AssertSameOutput(uninterrupted, restored.Output);
    }

    [Fact]
    public void Store_FeedsOnlyOnePipeline()
    {
        var store = NewStore();
        var funnel = Funnel.Build(System.Reactive.Linq.Observable.Never<StreamItem<ClickEvent>>(), store, 0);
        using var first = funnel.Subscribe(_ => { });

        Assert.Throws<InvalidOperationException>(() => funnel.Subscribe(_ => { }));
    }

    internal static FunnelSessionStore NewStore() => new(Options);

    internal static IObservable<StreamItem<FunnelRow>> Pipeline(
        IObservable<StreamItem<ClickEvent>> all, IObservable<StreamItem<ClickEvent>> checkpointed, FunnelSessionStore store) =>
        Funnel.Build(checkpointed, store, 3);
}
