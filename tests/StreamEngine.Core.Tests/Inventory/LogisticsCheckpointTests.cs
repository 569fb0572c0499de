using System.Reactive.Subjects;
using System.Reflection;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;
using static StreamEngine.Core.Tests.Inventory.InventoryEvents;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class LogisticsCheckpointTests
{
    // Six-hour windows: several open at once (deliveries take days, the feed's watermark trails by 10 s), many fire.
    private static readonly LogisticsOptions FeedOptions = new() { WindowSize = TimeSpan.FromHours(6) };

    [Fact]
    public void Restored_State_ContinuesExactlyLikeAnUninterruptedOne()
    {
        var items = SimulatedStockFeed.Shared.Items.Where(i => !i.IsDemand).Select(i => i.Inventory).ToList();
        var reference = Feed(items, FeedOptions, []);
        Assert.True(reference.Rows.Count > 100, $"only {reference.Rows.Count} rows");
        Assert.Contains(reference.Rows, r => r.Stats.LateDeliveries > 0);

        var restored = Feed(items, FeedOptions, [items.Count / 5, items.Count / 2, (items.Count / 2) + 1, (items.Count * 7) / 8]);

        Assert.Equal(reference.Rows, restored.Rows);
        Assert.Equal(reference.Counters, restored.Counters);
    }

    [Fact]
    public void Restore_TruncatedBytes_ThrowInvalidDataException()
    {
        var bytes = StateSnapshot.Capture(SmallState());
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new LogisticsState(new LogisticsOptions()), bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Restore_UnknownVersionOrOtherWindowSize_ThrowsInvalidDataException()
    {
        var bytes = StateSnapshot.Capture(SmallState());
        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new LogisticsState(FeedOptions), bytes));
        bytes[0] = 0;
        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new LogisticsState(new LogisticsOptions()), bytes));
        Assert.Contains("version 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_AnyGarbledByte_FailsOnlyWithInvalidDataException()
    {
        var bytes = StateSnapshot.Capture(SmallState());
        var rejected = new List<int>();
        for (var i = 0; i < bytes.Length; i++)
        {
            var garbled = bytes.ToArray();
            garbled[i] ^= 0xFF;
            var error = Record.Exception(() => StateSnapshot.Restore(new LogisticsState(new LogisticsOptions()), garbled));
            Assert.True(error is null or InvalidDataException, $"byte {i}: {error}");
            if (error is not null)
            {
                rejected.Add(i);
            }
        }

        // The version and the window size, and the window count after the header (fired-up-to and two counters).
        Assert.Subset(rejected.ToHashSet(), Enumerable.Range(0, 1 + 8).Append(1 + 8 + 24).ToHashSet());
    }

    [Fact]
    public void Restore_WindowThatShouldHaveFired_ThrowsInvalidDataException()
    {
        var state = SmallState();
        var open = StateSnapshot.Capture(state);
        state.AdvanceWatermark(10 * Day, 0, []);
        var fired = StateSnapshot.Capture(state);

        // The fired-up-to watermark of the later state with the open windows of the earlier one.
        var mixed = open.ToArray();
        fired.AsSpan(9, 8).CopyTo(mixed.AsSpan(9));
        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new LogisticsState(new LogisticsOptions()), mixed));
        Assert.Contains("Impossible open window", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OverAGivenState_AllowsASingleSubscription()
    {
        using var input = new Subject<StreamItem<InventoryEvent>>();
        var pipeline = LogisticsPipeline.Build(input, new LogisticsState(new LogisticsOptions()));
        var rows = new List<StreamItem<DeliveryStats>>();
        using var first = pipeline.Subscribe(rows.Add, e => Assert.Fail(e.ToString()));
        Exception? error = null;
        using var second = pipeline.Subscribe(_ => { }, e => error = e);
        Assert.IsType<InvalidOperationException>(error);

        input.OnNext(StreamItem.Event(Delivered(1, "dhl", "DE", Hour, Day, 2 * Hour), 2 * Hour, 0, 0));
        input.OnNext(StreamItem.Punctuation<InventoryEvent>(Day));
        Assert.Equal(1, Assert.Single(rows).Value.Deliveries);
    }

    [Fact]
    public void Checkpoint_CoversEveryFieldOfTheState()
    {
        // A field added to the state must be saved in LogisticsState.Checkpoint.cs, or be scratch; then add it here.
        string[] fields =
        [
            "_windowMs", // from the options
            "_open", "_firedUpTo", "<LateEvents>k__BackingField", "<InvalidEvents>k__BackingField",
            "_due", // scratch of each firing
        ];
        Assert.Equal(
            fields.Order(StringComparer.Ordinal),
            typeof(LogisticsState).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>Two open windows (one with a late delivery), one fired, a late and an invalid event counted.</summary>
    private static LogisticsState SmallState()
    {
        var state = new LogisticsState(new LogisticsOptions());
        state.OnEvent(Delivered(1, "dhl", "DE", Hour, 2 * Day, Day / 2));
        state.AdvanceWatermark(Day, 0, []);
        state.OnEvent(Delivered(2, "dhl", "DE", Hour, Day, Day / 2));                  // late: its window fired
        state.OnEvent(Delivered(3, "ups", "FR", 0, Day, Day + Hour));                  // no dispatch time: invalid
        state.OnEvent(Delivered(4, "ups", "FR", Hour, Day, Day + Hour));               // delivered after its promise
        state.OnEvent(Delivered(5, "ups", "FR", Day, 4 * Day, Day + (3 * Hour)));
        state.OnEvent(Delivered(6, "gls", "NL", Day, 4 * Day, (2 * Day) + Hour));
        Assert.Equal((2, 1L, 1L), (state.OpenWindows, state.LateEvents, state.InvalidEvents));
        return state;
    }

    private static LogisticsRun Feed(List<StreamItem<InventoryEvent>> items, LogisticsOptions options, HashSet<int> checkpointBefore)
    {
        var rows = new List<(int, DeliveryStats Stats, long, long, long)>();
        var state = new LogisticsState(options);
        var input = new Subject<StreamItem<InventoryEvent>>();
        var index = 0;
        IDisposable Attach() => LogisticsPipeline.Build(input, state).Subscribe(
            r => rows.Add((index, r.Value, r.TimeMs, r.WatermarkMs, r.Offset)), e => Assert.Fail(e.ToString()));

        var subscription = Attach();
        for (; index < items.Count; index++)
        {
            if (checkpointBefore.Contains(index))
            {
                var bytes = StateSnapshot.Capture(state);
                subscription.Dispose();
                state = new LogisticsState(options);
                StateSnapshot.Restore(state, bytes);
                Assert.Equal(bytes, StateSnapshot.Capture(state));
                input = new Subject<StreamItem<InventoryEvent>>();
                subscription = Attach();
            }

            input.OnNext(items[index]);
        }

        subscription.Dispose();
        return new LogisticsRun(rows, (state.LateEvents, state.InvalidEvents, state.OpenWindows));
    }

    private sealed record LogisticsRun(List<(int Input, DeliveryStats Stats, long TimeMs, long WatermarkMs, long Offset)> Rows, (long, long, int) Counters);
}
