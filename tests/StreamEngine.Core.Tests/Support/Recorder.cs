using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Tests.Support;

/// <summary>Records everything an operator emits.</summary>
public sealed class Recorder<T> : IObserver<StreamItem<T>>
{
    public List<StreamItem<T>> Items { get; } = [];

    public List<StreamItem<T>> Events => Items.Where(i => !i.IsPunctuation).ToList();

    public Exception? Error { get; private set; }

    public bool Completed { get; private set; }

    public void OnCompleted() => Completed = true;

    public void OnError(Exception error) => Error = error;

    public void OnNext(StreamItem<T> value) => Items.Add(value);
}

public static class RecorderExtensions
{
    /// <summary>The last emission per (key, window): what a ReplacingMergeTree keeps.</summary>
    public static Dictionary<(TKey Key, Window Window), WindowResult<TKey, TOut>> Final<TKey, TOut>(
        this Recorder<WindowResult<TKey, TOut>> recorder)
        where TKey : notnull
    {
        var final = new Dictionary<(TKey, Window), WindowResult<TKey, TOut>>();
        foreach (var item in recorder.Events)
        {
            var r = item.Value;
            if (!final.TryGetValue((r.Key, r.Window), out var previous) || previous.Version < r.Version)
            {
                final[(r.Key, r.Window)] = r;
            }
        }

        return final;
    }
}
