using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Operators;

/// <summary>The <c>HoppingWindow</c> operator.</summary>
public static class HoppingWindowExtensions
{
    /// <summary>
    /// Keyed event-time hopping windows [k·hop, k·hop + size): a window fires when the watermark reaches its end, is
    /// re-emitted (IsUpdate, higher Version) for each event arriving while watermark &lt; end + grace. An event that
    /// arrives when some of its windows are final still updates the open ones; it goes once to
    /// <paramref name="lateObserver"/> with the number of windows it missed, and is counted. Results are stamped with time
    /// end − 1 and the smallest source offset they contain; a punctuation with the new watermark follows each batch of
    /// fired windows. The returned observable implements <see cref="IOffsetTracking"/> and
    /// <see cref="IWindowOperatorState"/>. Runs synchronously on the thread that calls OnNext.
    /// </summary>
    public static IObservable<StreamItem<WindowResult<TKey, TOut>>> HoppingWindow<TIn, TKey, TState, TOut>(
        this IObservable<StreamItem<TIn>> source,
        Func<TIn, TKey> keySelector,
        IWindowAggregate<TIn, TState, TOut> aggregate,
        TimeSpan size,
        TimeSpan hop,
        TimeSpan grace,
        IObserver<LateEvent<TIn>>? lateObserver = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keySelector);
        ArgumentNullException.ThrowIfNull(aggregate);
        var sizeMs = EventTime.ToMs(size, nameof(size));
        var hopMs = EventTime.ToMs(hop, nameof(hop));
        var graceMs = EventTime.ToMs(grace, nameof(grace));
        if (sizeMs == 0 || hopMs == 0 || hopMs > sizeMs)
        {
            throw new ArgumentOutOfRangeException(nameof(hop), hop, "Need 0 < hop <= size (whole milliseconds).");
        }

        Type[] types = [typeof(TIn), typeof(TKey), typeof(TState), typeof(TOut), aggregate.GetType()];
        return new WindowOperatorObservable<TIn, WindowResult<TKey, TOut>>(
            source,
            downstream => Specialize.Sink<WindowOperatorSink<TIn, WindowResult<TKey, TOut>>>(
                typeof(HoppingWindowSink<,,,,>), types, downstream, keySelector, aggregate, sizeMs, hopMs, graceMs, lateObserver));
    }
}
