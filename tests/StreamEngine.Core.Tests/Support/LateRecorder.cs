using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Support;

/// <summary>Records what an operator reports as late.</summary>
public sealed class LateRecorder<T> : IObserver<LateEvent<T>>
{
    public List<LateEvent<T>> Items { get; } = [];

    public void OnCompleted()
    {
    }

    public void OnError(Exception error) => throw new InvalidOperationException("A late observer never receives errors.", error);

    public void OnNext(LateEvent<T> value) => Items.Add(value);
}
