using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Benchmarks.Support;

/// <summary>Consumes window results: keeps a checksum (so nothing is optimised away) or, when asked, every final result.</summary>
public sealed class ResultSink<TKey, TOut> : IObserver<StreamItem<WindowResult<TKey, TOut>>>
    where TKey : notnull
{
    public Dictionary<(TKey, long), TOut>? Collected { get; init; }

    public long Results { get; private set; }

    public long VersionSum { get; private set; }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error) => throw new InvalidOperationException("Window operator failed.", error);

    public void OnNext(StreamItem<WindowResult<TKey, TOut>> value)
    {
        if (value.IsPunctuation)
        {
            return;
        }

        Results++;
        VersionSum += value.Value.Version;
        if (Collected is not null)
        {
            Collected[(value.Value.Key, value.Value.Window.StartMs)] = value.Value.Result;
        }
    }
}
