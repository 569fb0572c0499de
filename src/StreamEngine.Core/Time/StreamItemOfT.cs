namespace StreamEngine.Core.Time;

/// <summary>
/// One element of an event-time stream: either an event with its time, or a punctuation that only advances the
/// watermark. Every event also carries the watermark in force when it was read, so operators close windows without
/// a second channel. <see cref="Offset"/> is the source position (Kafka offset) the item derives from; operators use it
/// to report the oldest position their open state still depends on.
/// </summary>
public readonly struct StreamItem<T>
{
    internal StreamItem(T value, long timeMs, long watermarkMs, long offset, bool isPunctuation)
    {
        Value = value;
        TimeMs = timeMs;
        WatermarkMs = watermarkMs;
        Offset = offset;
        IsPunctuation = isPunctuation;
    }

    public T Value { get; }

    /// <summary>Event time in epoch milliseconds.</summary>
    public long TimeMs { get; }

    /// <summary>No event with a time below this is expected any more (epoch ms); <see cref="long.MinValue"/> before the first.</summary>
    public long WatermarkMs { get; }

    /// <summary>Source position of the event, or of the oldest event a derived result depends on.</summary>
    public long Offset { get; }

    public bool IsPunctuation { get; }

    public override string ToString() =>
        IsPunctuation ? $"Punctuation(wm={WatermarkMs})" : $"Event({Value}, t={TimeMs}, wm={WatermarkMs}, offset={Offset})";
}
