namespace StreamEngine.Core.Aggregates;

/// <summary>Count, minimum and maximum of 64-bit values; Min and Max are meaningful only when Count &gt; 0.</summary>
public readonly record struct MinMaxState(long Count, long Min, long Max)
{
    public static MinMaxState Empty => new(0, long.MaxValue, long.MinValue);
}
