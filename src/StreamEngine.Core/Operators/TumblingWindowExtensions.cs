using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Operators;

/// <summary>The <c>TumblingWindow</c> operator.</summary>
public static class TumblingWindowExtensions
{
    /// <summary>Keyed tumbling windows [k·size, (k+1)·size): a hopping window with hop = size (Trill), same semantics.</summary>
    public static IObservable<StreamItem<WindowResult<TKey, TOut>>> TumblingWindow<TIn, TKey, TState, TOut>(
        this IObservable<StreamItem<TIn>> source,
        Func<TIn, TKey> keySelector,
        IWindowAggregate<TIn, TState, TOut> aggregate,
        TimeSpan size,
        TimeSpan grace,
        IObserver<LateEvent<TIn>>? lateObserver = null)
        where TKey : notnull =>
        source.HoppingWindow(keySelector, aggregate, size, size, grace, lateObserver);
}
