using System.Reactive.Subjects;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Support;

/// <summary>Helpers to push events with explicit times and watermarks.</summary>
public static class Feed
{
    public static void Event<T>(this Subject<StreamItem<T>> subject, T value, long timeMs, long watermarkMs, long offset = 0) =>
        subject.OnNext(StreamItem.Event(value, timeMs, watermarkMs, offset));

    public static void Watermark<T>(this Subject<StreamItem<T>> subject, long watermarkMs) =>
        subject.OnNext(StreamItem.Punctuation<T>(watermarkMs));
}
