using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Operators;

/// <summary>The <c>SlidingAggregate</c> operator.</summary>
public static class SlidingAggregateExtensions
{
    /// <summary>
    /// Per-key rolling aggregate over the last <paramref name="windowSize"/> of event time ("views in the last 5
    /// minutes"), emitted for every event with the key's current value. State is a ring of
    /// <paramref name="bucketCount"/> buckets per key (default 60, so 5 s buckets for 5 minutes): the value covers
    /// between size − size/bucketCount and size of history. The emitted Window spans the covered buckets, Version is
    /// the number of events in it. Events older than the ring go to <paramref name="lateObserver"/> and are counted.
    /// </summary>
    public static IObservable<StreamItem<WindowResult<TKey, TOut>>> SlidingAggregate<TIn, TKey, TState, TOut>(
        this IObservable<StreamItem<TIn>> source,
        Func<TIn, TKey> keySelector,
        IWindowAggregate<TIn, TState, TOut> aggregate,
        TimeSpan windowSize,
        int bucketCount = 60,
        IObserver<LateEvent<TIn>>? lateObserver = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keySelector);
        ArgumentNullException.ThrowIfNull(aggregate);
        var windowMs = EventTime.ToMs(windowSize, nameof(windowSize));
        ArgumentOutOfRangeException.ThrowIfZero(windowMs, nameof(windowSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketCount, 1);
        Type[] types = [typeof(TIn), typeof(TKey), typeof(TState), typeof(TOut), aggregate.GetType()];
        return new WindowOperatorObservable<TIn, WindowResult<TKey, TOut>>(
            source,
            downstream => Specialize.Sink<WindowOperatorSink<TIn, WindowResult<TKey, TOut>>>(
                typeof(SlidingAggregateSink<,,,,>), types, downstream, keySelector, aggregate, windowMs, bucketCount, lateObserver));
    }
}
