namespace StreamEngine.Core.Time;

/// <summary>Watermark and lateness settings shared by every pipeline (section "StreamEngine:EventTime").</summary>
public sealed class EventTimeOptions
{
    public const string Section = "StreamEngine:EventTime";

    /// <summary>How far behind the newest event of a partition an event may still arrive on time.</summary>
    public TimeSpan AllowedOutOfOrderness { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long windows stay open for updates after the watermark passed their end.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A partition without records for this long no longer holds the task's watermark back.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (AllowedOutOfOrderness < TimeSpan.Zero || AllowedOutOfOrderness > TimeSpan.FromDays(1))
        {
            throw new OptionsException($"{Section}:{nameof(AllowedOutOfOrderness)}", "must be between 0 and 1 day");
        }

        if (Grace < TimeSpan.Zero || Grace > TimeSpan.FromDays(7))
        {
            throw new OptionsException($"{Section}:{nameof(Grace)}", "must be between 0 and 7 days");
        }

        if (IdleTimeout <= TimeSpan.Zero)
        {
            throw new OptionsException($"{Section}:{nameof(IdleTimeout)}", "must be positive");
        }
    }
}
