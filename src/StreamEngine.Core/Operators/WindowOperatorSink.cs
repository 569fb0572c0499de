using StreamEngine.Core.Time;

namespace StreamEngine.Core.Operators;

/// <summary>
/// Base of the stateful operators' observers (Rx's Sink pattern): forwards to one downstream observer, turns an
/// exception thrown by user code (key selector, aggregate) into OnError, and exposes state size and open offsets.
/// </summary>
internal abstract class WindowOperatorSink<TIn, TOut> : IObserver<StreamItem<TIn>>
{
    private bool _stopped;

    protected WindowOperatorSink(IObserver<StreamItem<TOut>> downstream) => Downstream = downstream;

    public IDisposable? Upstream { get; set; }

    public abstract long OldestOpenOffset { get; }

    public abstract int StateCount { get; }

    public long LateEventCount { get; protected set; }

    protected IObserver<StreamItem<TOut>> Downstream { get; }

    public void OnNext(StreamItem<TIn> value)
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            Process(in value);
        }
#pragma warning disable CA1031 // Rx convention: an exception from user code ends the stream with OnError.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(ex);
        }
    }

    public void OnError(Exception error)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Downstream.OnError(error);
    }

    public void OnCompleted()
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            Flush();
        }
#pragma warning disable CA1031 // Rx convention: an exception from user code ends the stream with OnError.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(ex);
            return;
        }

        _stopped = true;
        Downstream.OnCompleted();
    }

    /// <summary>Handles one event or punctuation.</summary>
    protected abstract void Process(in StreamItem<TIn> item);

    /// <summary>Emits every result still open as final and frees all state (end of input).</summary>
    protected abstract void Flush();

    private void Fail(Exception ex)
    {
        _stopped = true;
        Upstream?.Dispose();
        Downstream.OnError(ex);
    }
}
