using System.Reactive.Subjects;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Features.Checkpoints;

/// <summary>Checkpoints of each feature store a few hours into the simulated run, for the corruption tests.</summary>
internal static class FeatureStoreCheckpoints
{
    /// <summary>The stores by name, each with its checkpoint and a factory of fresh stores to restore it into.</summary>
    public static (byte[] Bytes, Func<ICheckpointState> NewStore) Of(string store) => store switch
    {
        "profiles" => (Early(UserProfileStoreTests.NewStore, UserProfileStoreTests.Pipeline), UserProfileStoreTests.NewStore),
        "funnel" => (Early(FunnelSessionStoreTests.NewStore, FunnelSessionStoreTests.Pipeline), FunnelSessionStoreTests.NewStore),
        "intent" => (Early(PurchaseIntentStoreTests.NewStore, PurchaseIntentStoreTests.Pipeline), PurchaseIntentStoreTests.NewStore),
        "anomalies" => (Early(AnomalyDetectorCheckpointTests.NewStore, AnomalyDetectorCheckpointTests.Pipeline), AnomalyDetectorCheckpointTests.NewStore),
        "sessions" => (Early(Sessions.NewStore, SessionWindowStoreTests.Pipeline), Sessions.NewStore),
        _ => throw new ArgumentOutOfRangeException(nameof(store), store, "unknown store"),
    };

    /// <summary>The store's checkpoint after the first 1/16 of the three simulated days (small enough to corrupt often).</summary>
    public static byte[] Early<TStore, T>(Func<TStore> newStore, CheckpointedPipeline<TStore, T> build)
        where TStore : ICheckpointState
    {
        var arrivals = SimulatedClicks.ThreeDays;
        var store = newStore();
        var source = new Subject<StreamItem<ClickEvent>>();
        using (build(source, source, store).Subscribe(_ => { }, ex => throw new InvalidOperationException("Pipeline failed.", ex)))
        {
            foreach (var a in arrivals.Take(arrivals.Count / 16))
            {
                source.OnNext(StreamItem.Event(a.Event, a.Event.TimeMs, a.WatermarkMs, a.Offset));
            }
        }

        return StateSnapshot.Capture(store);
    }
}
