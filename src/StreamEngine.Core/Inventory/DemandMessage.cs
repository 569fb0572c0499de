namespace StreamEngine.Core.Inventory;

/// <summary>
/// One record of the internal demand topic: a <see cref="DemandEvent"/> with its event id (keyed hash, for the
/// duplicate filter) and event time, or, when <see cref="IsWatermark"/>, a watermark record: the producing task of
/// clickstream/transactions partition <see cref="SourcePartition"/> promises that its later demand has event times at
/// or above <see cref="TimeMs"/> (late input excepted).
/// </summary>
public readonly record struct DemandMessage(ulong EventId, long TimeMs, DemandEvent Demand)
{
    public bool IsWatermark { get; init; }

    /// <summary>The producing task's partition number (watermark records only).</summary>
    public int SourcePartition { get; init; }

    /// <summary>The input record a demand record was derived from (demand records only).</summary>
    public DemandSource Source { get; init; }

    public static DemandMessage Watermark(int sourcePartition, long watermarkMs) =>
        new(0, watermarkMs, default) { IsWatermark = true, SourcePartition = sourcePartition };
}
