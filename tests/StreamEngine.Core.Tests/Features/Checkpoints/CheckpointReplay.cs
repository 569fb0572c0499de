using System.Reactive.Linq;
using System.Reactive.Subjects;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Features.Checkpoints;

/// <summary>
/// A feature pipeline over one partition: <paramref name="all"/> is every record consumed (the partition's streams),
/// <paramref name="checkpointed"/> leaves out the records the restored store already holds (CheckpointedStreams).
/// </summary>
internal delegate IObservable<StreamItem<T>> CheckpointedPipeline<in TStore, T>(
    IObservable<StreamItem<ClickEvent>> all, IObservable<StreamItem<ClickEvent>> checkpointed, TStore store);

/// <summary>One restart: the checkpoint's position, the offset consumption resumed from, and the checkpoint's size.</summary>
internal readonly record struct Restart(long Position, long Committed, int Bytes);

internal sealed record ReplayResult<T>(List<StreamItem<T>> Output, List<Restart> Restarts);

/// <summary>
/// Runs a feature over arrivals the way a partition task does across restarts. At each split the store is saved
/// (<see cref="StateSnapshot"/>) and the process stops without flushing anything; a new pipeline over a fresh store
/// restored from those bytes then consumes again from the committed offset (the position, held back by the oldest
/// offset any of the pipeline's operators still holds open), its checkpointed input skipping records before the position.
/// </summary>
internal static class CheckpointReplay
{
    public static List<StreamItem<T>> Uninterrupted<TStore, T>(IReadOnlyList<Arrival> arrivals, Func<TStore> newStore, CheckpointedPipeline<TStore, T> build)
        where TStore : ICheckpointState =>
        Interrupted(arrivals, [], newStore, build).Output;

    public static ReplayResult<T> Interrupted<TStore, T>(
        IReadOnlyList<Arrival> arrivals, IReadOnlyList<int> splits, Func<TStore> newStore, CheckpointedPipeline<TStore, T> build)
        where TStore : ICheckpointState
    {
        var output = new List<StreamItem<T>>();
        var restarts = new List<Restart>();
        var store = newStore();
        long position = 0, committed = 0;
        foreach (var end in splits.Append(arrivals.Count))
        {
            var source = new Subject<StreamItem<ClickEvent>>();
            var skipBelow = position;
            var checkpointed = skipBelow == 0 ? source : source.Where(item => item.IsPunctuation || item.Offset >= skipBelow);
            var operators = new List<IOffsetTracking>();
            Exception? error = null;
            IDisposable subscription;
            using (OffsetTrackingScope.Begin(operators))
            {
                subscription = build(source, checkpointed, store).Subscribe(output.Add, ex => error = ex);
            }

            for (var i = (int)committed; i < end; i++)
            {
                var a = arrivals[i];
                source.OnNext(StreamItem.Event(a.Event, a.Event.TimeMs, a.WatermarkMs, a.Offset));
            }

            if (end == arrivals.Count)
            {
                source.OnCompleted();
            }
            else
            {
                position = end;
                committed = Math.Min(end, operators.Count == 0 ? long.MaxValue : operators.Min(o => o.OldestOpenOffset));
                var bytes = StateSnapshot.Capture(store);
                store = newStore();
                StateSnapshot.Restore(store, bytes);
                restarts.Add(new Restart(position, committed, bytes.Length));
            }

            subscription.Dispose();
            if (error is not null)
            {
                throw new InvalidOperationException("Pipeline failed.", error);
            }
        }

        return new ReplayResult<T>(output, restarts);
    }

    /// <summary>
    /// Asserts both runs emitted the same rows between the same watermarks. Within one watermark step the order may
    /// differ (a restored dictionary enumerates its keys in another order), so each step is compared sorted.
    /// </summary>
    public static void AssertSameOutput<T>(List<StreamItem<T>> expected, List<StreamItem<T>> actual)
    {
        var e = Steps(expected);
        var a = Steps(actual);
        for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
        {
            if (!e[i].SequenceEqual(a[i]))
            {
                Assert.Fail($"Step {i} of {e.Count} differs.\nUninterrupted: {string.Join("\n  ", e[i])}\nRestored: {string.Join("\n  ", a[i])}");
            }
        }

        Assert.Equal(e.Count, a.Count);
    }

    private static List<List<string>> Steps<T>(List<StreamItem<T>> items)
    {
        var steps = new List<List<string>>();
        var current = new List<string>();
        foreach (var item in items)
        {
            if (!item.IsPunctuation)
            {
                current.Add(item.Value!.ToString()!);
            }
            else if (current.Count > 0)
            {
                current.Sort(StringComparer.Ordinal);
                steps.Add(current);
                current = [];
            }
        }

        if (current.Count > 0)
        {
            current.Sort(StringComparer.Ordinal);
            steps.Add(current);
        }

        return steps;
    }
}
