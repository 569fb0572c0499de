using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Operators;

/// <summary>The <c>SessionWindow</c> operator.</summary>
public static class SessionWindowExtensions
{
    /// <summary>
    /// Keyed session windows [first event, last event + gap): a session closes and is emitted when the watermark reaches
    /// last event + gap; a late event (within grace) extending or bridging sessions merges them and re-emits the result
    /// (IsUpdate); events that would form a session already past grace go to <paramref name="lateObserver"/> and are
    /// counted; expired sessions are freed. Runs synchronously on the thread that calls OnNext. With a
    /// <paramref name="store"/> (one per subscription) the operator starts from the sessions restored into it, and the
    /// store's checkpoint saves them.
    /// </summary>
    public static IObservable<StreamItem<WindowResult<TKey, TOut>>> SessionWindow<TIn, TKey, TState, TOut>(
        this IObservable<StreamItem<TIn>> source,
        Func<TIn, TKey> keySelector,
        IWindowAggregate<TIn, TState, TOut> aggregate,
        TimeSpan gap,
        TimeSpan grace,
        IObserver<LateEvent<TIn>>? lateObserver = null,
        SessionWindowStore<TKey, TState>? store = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keySelector);
        ArgumentNullException.ThrowIfNull(aggregate);
        var gapMs = EventTime.ToMs(gap, nameof(gap));
        var graceMs = EventTime.ToMs(grace, nameof(grace));
        ArgumentOutOfRangeException.ThrowIfZero(gapMs, nameof(gap));
        Type[] types = [typeof(TIn), typeof(TKey), typeof(TState), typeof(TOut), aggregate.GetType()];
        return new WindowOperatorObservable<TIn, WindowResult<TKey, TOut>>(
            source,
            downstream => Specialize.Sink<WindowOperatorSink<TIn, WindowResult<TKey, TOut>>>(
                typeof(SessionWindowSink<,,,,>), types, downstream, keySelector, aggregate, gapMs, graceMs, lateObserver, store));
    }
}
