namespace StreamEngine.Core.Time;

/// <summary>Factories for <see cref="StreamItem{T}"/>.</summary>
public static class StreamItem
{
    public static StreamItem<T> Event<T>(T value, long timeMs, long watermarkMs, long offset) =>
        new(value, timeMs, watermarkMs, offset, isPunctuation: false);

    /// <summary>A watermark advance with no event; its <see cref="StreamItem{T}.Offset"/> is <see cref="long.MaxValue"/>.</summary>
    public static StreamItem<T> Punctuation<T>(long watermarkMs) =>
        new(default!, watermarkMs, watermarkMs, long.MaxValue, isPunctuation: true);
}
