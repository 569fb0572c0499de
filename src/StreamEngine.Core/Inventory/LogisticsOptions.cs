namespace StreamEngine.Core.Inventory;

/// <summary>Delivery statistics settings, bound from the configuration section "StreamEngine:Logistics".</summary>
public sealed class LogisticsOptions
{
    public const string SectionName = "StreamEngine:Logistics";

    /// <summary>Tumbling window size, by delivery time.</summary>
    public TimeSpan WindowSize { get; set; } = TimeSpan.FromDays(1);

    public long WindowSizeMs => (long)WindowSize.TotalMilliseconds;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the invalid key.</summary>
    public void Validate()
    {
        if (WindowSize < TimeSpan.FromSeconds(1) || WindowSize.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(WindowSize)} must be whole milliseconds, at least 1 s.");
        }
    }
}
