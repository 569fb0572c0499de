using StreamEngine.Core.Time;

namespace StreamEngine.Benchmarks.Support;

/// <summary>An observable the benchmark pushes into directly: one observer, no Subject bookkeeping per item.</summary>
public sealed class PushSource<T> : IObservable<StreamItem<T>>
{
    public IObserver<StreamItem<T>>? Observer { get; private set; }

    public IDisposable Subscribe(IObserver<StreamItem<T>> observer)
    {
        Observer = observer;
        return new Unsubscribe(this);
    }

    private sealed class Unsubscribe(PushSource<T> source) : IDisposable
    {
        public void Dispose() => source.Observer = null;
    }
}
