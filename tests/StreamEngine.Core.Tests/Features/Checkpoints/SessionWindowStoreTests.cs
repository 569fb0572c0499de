using System.Reactive.Linq;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;
using static StreamEngine.Core.Tests.Features.ClickGenerator;

namespace StreamEngine.Core.Tests.Features.Checkpoints;

public sealed class SessionWindowStoreTests
{
    private static readonly FeatureOptions Options = new();

    [Theory]
    [InlineData(0.21, 0.5, 0.5, 0.83)]
    [InlineData(0.37, 0.71)]
    public void Restored_Store_EmitsExactlyTheSessionRowsOfAnUninterruptedRun(params double[] at)
    {
        var arrivals = SimulatedClicks.ThreeDays;
        var splits = Splits(arrivals, at);

        var uninterrupted = CheckpointReplay.Uninterrupted(arrivals, Sessions.NewStore, Pipeline);
        var restored = CheckpointReplay.Interrupted(arrivals, splits, Sessions.NewStore, Pipeline);

        Assert.True(StreamFeed.Events(uninterrupted).Count > 1_000);
        CheckpointReplay.AssertSameOutput(uninterrupted, restored.Output);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void Restored_Store_WithLateEventsMergingSessions_EmitsExactlyTheRowsOfAnUninterruptedRun(int seed)
    {
        var events = Generate(seed, users: 150, startMs: 1_700_000_000_000, spanMs: 8 * 3_600_000);
        var random = new Random(seed);
        var lateWithinGrace = events.Where(_ => random.Next(100) < 4).Select(e => e.EventId).ToHashSet();
        var arrivals = StreamFeed.Arrange(events, 60_000, seed, lateWithinGrace, lateDelayMs: 90_000);
        var splits = Splits(arrivals, [0.2, 0.4, 0.6, 0.8]);

        var uninterrupted = CheckpointReplay.Uninterrupted(arrivals, Sessions.NewStore, Pipeline);
        var restored = CheckpointReplay.Interrupted(arrivals, splits, Sessions.NewStore, Pipeline);

        Assert.Contains(StreamFeed.Events(uninterrupted), row => row.Version > 1 && StreamFeed.Events(uninterrupted).Count(r => r.SessionId == row.SessionId) > 1);
        CheckpointReplay.AssertSameOutput(uninterrupted, restored.Output);
    }

    [Fact]
    public void WithoutTheStore_TheReplayWritesTheTailsOfFreedSessionsAsSessionsOfTheirOwn()
    {
        // Why the store exists: the replay from the committed offset starts inside sessions already written and freed.
        var arrivals = SimulatedClicks.ThreeDays;
        var splits = Splits(arrivals, [0.5]);
        var uninterrupted = Identities(CheckpointReplay.Uninterrupted(arrivals, Sessions.NewStore, Pipeline));

        var replayed = Identities(CheckpointReplay.Interrupted(arrivals, splits, Sessions.NewStore, ReplayedPipeline).Output);

        Assert.NotEmpty(replayed.Except(uninterrupted));
    }

    [Fact]
    public void Store_FeedsOnlyOneOperator()
    {
        var store = Sessions.NewStore();
        var sessions = Sessions.Build(Observable.Never<StreamItem<ClickEvent>>(), Options, new CurrencyConverter(Options), 0, store: store);
        using var first = sessions.Subscribe(_ => { });

        Assert.Throws<InvalidOperationException>(() => sessions.Subscribe(_ => { }));
    }

    [Fact]
    public void SavedSessionsOfOneKeyThatOverlap_AreRejected()
    {
        var bytes = StateSnapshot.Capture(new OverlappingSessions());

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(Sessions.NewStore(), bytes));
        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
    }

    internal static IObservable<StreamItem<SessionRow>> Pipeline(
        IObservable<StreamItem<ClickEvent>> all, IObservable<StreamItem<ClickEvent>> checkpointed, SessionWindowStore<ulong, SessionState> store) =>
        Sessions.Build(checkpointed, Options, new CurrencyConverter(Options), 3, store: store).Merge(HoldCommitsAnHourBack(all));

    // The engine's sessions before the store: fed every replayed record, starting empty.
    private static IObservable<StreamItem<SessionRow>> ReplayedPipeline(
        IObservable<StreamItem<ClickEvent>> all, IObservable<StreamItem<ClickEvent>> checkpointed, SessionWindowStore<ulong, SessionState> store) =>
        Sessions.Build(all, Options, new CurrencyConverter(Options), 3).Merge(HoldCommitsAnHourBack(all));

    // Product activity's hour windows run beside sessions in the engine and hold the committed offset back.
    private static IObservable<StreamItem<SessionRow>> HoldCommitsAnHourBack(IObservable<StreamItem<ClickEvent>> all) =>
        ProductActivity.Build(all, Options, new CurrencyConverter(Options), 3).SkuHour.IgnoreElements().Select(_ => default(StreamItem<SessionRow>));

    private static List<int> Splits(IReadOnlyList<Arrival> arrivals, double[] at)
    {
        var splits = at.Select(f => (int)(f * arrivals.Count)).ToList();
        Assert.All(splits, s => Assert.True(SimulatedClicks.SessionsOpenAt(arrivals, s, Options.SessionGap) > 0, $"no session open at {s}"));
        return splits;
    }

    private static HashSet<(ulong SessionId, long StartMs)> Identities(List<StreamItem<SessionRow>> output) =>
        [.. StreamFeed.Events(output).Select(r => (r.SessionId, r.StartMs))];

    /// <summary>Writes a sessions checkpoint whose two sessions of one key overlap (no operator writes that).</summary>
    private sealed class OverlappingSessions : ICheckpointState
    {
        public void Save(BinaryWriter writer)
        {
            writer.Write((byte)1);
            writer.Write(0L);
            writer.Write(long.MinValue);
            writer.Write7BitEncodedInt(2);
            foreach (var startMs in (long[])[1_000, 2_000])
            {
                UInt64Codec.Instance.Write(writer, 7);
                writer.Write(startMs);
                writer.Write(startMs + 5_000);
                writer.Write7BitEncodedInt64(1);
                writer.Write(startMs);
                writer.Write((byte)0);
                SessionStateCodec.Instance.Write(writer, new SessionState { FirstMs = startMs, LastMs = startMs, Events = 1, Pages = 1 });
            }
        }

        public void Restore(BinaryReader reader) => throw new NotSupportedException();
    }
}
