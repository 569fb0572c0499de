namespace StreamEngine.Core.Windows;

/// <summary>An event-time interval [StartMs, EndMs): the end is excluded, as in Trill and Flink.</summary>
public readonly record struct Window(long StartMs, long EndMs)
{
    public long SizeMs => EndMs - StartMs;

    public bool Contains(long timeMs) => timeMs >= StartMs && timeMs < EndMs;
}
