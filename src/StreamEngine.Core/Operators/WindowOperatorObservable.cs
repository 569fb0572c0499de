using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Operators;

/// <summary>
/// The observable returned by the window operators: each subscription gets its own sink (its own state); the state
/// figures are summed (offsets: minimum) over live subscriptions, which in a pipeline is exactly one.
/// </summary>
internal sealed class WindowOperatorObservable<TIn, TOut> : IObservable<StreamItem<TOut>>, IOffsetTracking, IWindowOperatorState
{
    private readonly IObservable<StreamItem<TIn>> _source;
    private readonly Func<IObserver<StreamItem<TOut>>, WindowOperatorSink<TIn, TOut>> _createSink;
    private readonly List<WindowOperatorSink<TIn, TOut>> _sinks = [];
    private readonly Lock _lock = new();

    public WindowOperatorObservable(
        IObservable<StreamItem<TIn>> source,
        Func<IObserver<StreamItem<TOut>>, WindowOperatorSink<TIn, TOut>> createSink)
    {
        _source = source;
        _createSink = createSink;
        OffsetTrackingScope.Register(this);
    }

    public long OldestOpenOffset
    {
        get
        {
            lock (_lock)
            {
                var min = long.MaxValue;
                foreach (var sink in _sinks)
                {
                    min = Math.Min(min, sink.OldestOpenOffset);
                }

                return min;
            }
        }
    }

    public int StateCount
    {
        get
        {
            lock (_lock)
            {
                var count = 0;
                foreach (var sink in _sinks)
                {
                    count += sink.StateCount;
                }

                return count;
            }
        }
    }

    public long LateEventCount
    {
        get
        {
            lock (_lock)
            {
                long count = 0;
                foreach (var sink in _sinks)
                {
                    count += sink.LateEventCount;
                }

                return count;
            }
        }
    }

    public IDisposable Subscribe(IObserver<StreamItem<TOut>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var sink = _createSink(observer);
        lock (_lock)
        {
            _sinks.Add(sink);
        }

        sink.Upstream = _source.Subscribe(sink);
        return new Subscription(this, sink);
    }

    private sealed class Subscription(WindowOperatorObservable<TIn, TOut> parent, WindowOperatorSink<TIn, TOut> sink) : IDisposable
    {
        public void Dispose()
        {
            lock (parent._lock)
            {
                parent._sinks.Remove(sink);
            }

            sink.Upstream?.Dispose();
        }
    }
}
