namespace StreamEngine.Core.Time;

/// <summary>Factories for <see cref="LateEvent{T}"/>.</summary>
public static class LateEvent
{
    /// <summary>The event of <paramref name="item"/>, late for <paramref name="missedWindows"/> of its <paramref name="windows"/> windows.</summary>
    public static LateEvent<T> Of<T>(in StreamItem<T> item, int missedWindows, int windows) =>
        new(item.Value, item.TimeMs, item.WatermarkMs, item.Offset, missedWindows, windows);

    /// <summary>The event of <paramref name="item"/>, not applied at all (an operator without fixed windows).</summary>
    public static LateEvent<T> Dropped<T>(in StreamItem<T> item) => Of(item, 1, 1);
}
