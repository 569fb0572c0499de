namespace StreamEngine.Core.Events;

/// <summary>
/// Limits the event decoders enforce, bound from the <c>StreamEngine:Decoding</c> configuration section.
/// Values outside these limits are rejected with <see cref="DecodeStatus.InvalidValue"/> or
/// <see cref="DecodeStatus.BadTimestamp"/>, never clamped.
/// </summary>
public sealed class DecoderOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "StreamEngine:Decoding";

    /// <summary>Records longer than this many bytes are rejected as <see cref="DecodeStatus.Oversized"/>.</summary>
    public int MaxMessageBytes { get; set; } = 65536;

    /// <summary>An event time ("ts") further than this from the Kafka message timestamp is a <see cref="DecodeStatus.BadTimestamp"/>.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Other times of an event (ordered_at, expected_at, received_at, dispatched_at, promised_at) further than this from
    /// the Kafka message timestamp are a <see cref="DecodeStatus.BadTimestamp"/>; catches epoch seconds sent as milliseconds.
    /// </summary>
    public TimeSpan MaxRelatedTimeSkew { get; set; } = TimeSpan.FromDays(366);

    /// <summary>Largest accepted price or amount, in minor units (default 10 million in major units).</summary>
    public long MaxAmountCents { get; set; } = 1_000_000_000;

    /// <summary>Largest accepted quantity (order line, purchase order, receipt, absolute adjustment delta).</summary>
    public int MaxQuantity { get; set; } = 10_000;

    /// <summary>How far back in event time event ids are remembered to dead-letter duplicates (per partition).</summary>
    public TimeSpan DuplicateHorizon { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first configuration key with an invalid value.</summary>
    public void Validate()
    {
        if (MaxMessageBytes <= 0)
        {
            throw Invalid(nameof(MaxMessageBytes), "must be > 0");
        }

        if (MaxClockSkew <= TimeSpan.Zero)
        {
            throw Invalid(nameof(MaxClockSkew), "must be > 00:00:00");
        }

        if (MaxRelatedTimeSkew <= TimeSpan.Zero)
        {
            throw Invalid(nameof(MaxRelatedTimeSkew), "must be > 00:00:00");
        }

        if (MaxAmountCents <= 0)
        {
            throw Invalid(nameof(MaxAmountCents), "must be > 0");
        }

        if (MaxQuantity <= 0)
        {
            throw Invalid(nameof(MaxQuantity), "must be > 0");
        }

        if (DuplicateHorizon < TimeSpan.Zero || DuplicateHorizon > TimeSpan.FromDays(1))
        {
            throw Invalid(nameof(DuplicateHorizon), "must be between 00:00:00 and 1.00:00:00");
        }
    }

    private static InvalidOperationException Invalid(string key, string rule) => new($"{SectionName}:{key} {rule}");
}
