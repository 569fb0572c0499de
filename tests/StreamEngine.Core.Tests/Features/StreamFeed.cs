using System.Reactive.Subjects;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Features;

/// <summary>An event as fed to a pipeline: its arrival position and the watermark in force when it arrived.</summary>
internal readonly record struct Arrival(ClickEvent Event, long WatermarkMs, long Offset);

/// <summary>
/// Feeds events to a pipeline with bounded out-of-orderness: each event is delayed by a random amount below
/// <c>outOfOrderMs</c>, so with watermark = max time seen − outOfOrderMs none is late; the <c>late</c> set is delayed
/// further by <c>lateDelayMs</c>. Runs the pipeline synchronously and completes it (flushing open state).
/// </summary>
internal static class StreamFeed
{
    public static List<Arrival> Arrange(IReadOnlyList<ClickEvent> events, long outOfOrderMs, int seed, ISet<ulong>? late = null, long lateDelayMs = 0)
    {
        var random = new Random(seed);
        var keyed = new List<(long Key, long Tie, ClickEvent Event)>(events.Count);
        foreach (var e in events)
        {
            var delay = late is not null && late.Contains(e.EventId) ? outOfOrderMs + lateDelayMs : random.NextInt64(Math.Max(1, outOfOrderMs));
            keyed.Add((e.TimeMs + delay, random.NextInt64(), e));
        }

        keyed.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Tie.CompareTo(b.Tie));
        var arrivals = new List<Arrival>(keyed.Count);
        var max = long.MinValue;
        foreach (var (_, _, e) in keyed)
        {
            max = Math.Max(max, e.TimeMs);
            arrivals.Add(new Arrival(e, max - outOfOrderMs, arrivals.Count));
        }

        return arrivals;
    }

    public static List<StreamItem<T>> Run<T>(IEnumerable<Arrival> arrivals, Func<IObservable<StreamItem<ClickEvent>>, IObservable<StreamItem<T>>> build)
    {
        var source = new Subject<StreamItem<ClickEvent>>();
        var output = new List<StreamItem<T>>();
        Exception? error = null;
        using var subscription = build(source).Subscribe(output.Add, ex => error = ex);
        foreach (var a in arrivals)
        {
            source.OnNext(StreamItem.Event(a.Event, a.Event.TimeMs, a.WatermarkMs, a.Offset));
        }

        source.OnCompleted();
        return error is null ? output : throw new InvalidOperationException("Pipeline failed.", error);
    }

    public static List<T> Events<T>(IEnumerable<StreamItem<T>> items) => [.. items.Where(i => !i.IsPunctuation).Select(i => i.Value)];

    /// <summary>What ReplacingMergeTree keeps: per identity, the row with the highest version (the last one on ties).</summary>
    public static Dictionary<TKey, T> Latest<T, TKey>(IEnumerable<T> rows, Func<T, TKey> identity, Func<T, long> version)
        where TKey : notnull
    {
        var latest = new Dictionary<TKey, T>();
        foreach (var row in rows)
        {
            var key = identity(row);
            if (!latest.TryGetValue(key, out var existing) || version(row) >= version(existing))
            {
                latest[key] = row;
            }
        }

        return latest;
    }

    public static IObserver<LateEvent<ClickEvent>> Collect(List<ClickEvent> into) =>
        System.Reactive.Observer.Create<LateEvent<ClickEvent>>(late => into.Add(late.Value));

    public static IObserver<LateEvent<ClickEvent>> CollectLate(List<LateEvent<ClickEvent>> into) =>
        System.Reactive.Observer.Create<LateEvent<ClickEvent>>(into.Add);
}
