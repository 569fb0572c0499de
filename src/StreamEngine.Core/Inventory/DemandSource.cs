namespace StreamEngine.Core.Inventory;

/// <summary>The kind of input record a demand record was derived from.</summary>
public enum DemandSourceKind : byte
{
    /// <summary>Not stated (a record written before sources were recorded): never taken for a redelivery.</summary>
    Unknown,

    /// <summary>A purchase click (clickstream).</summary>
    Purchase,

    /// <summary>A line of a refund (transactions).</summary>
    Refund,
}

/// <summary>
/// The input record (partition, offset, and line of a refund) a demand record was derived from: its identity across
/// re-productions, so the consumer recognises demand a restarted producer writes again (<see cref="DemandRedeliveryFilter"/>).
/// </summary>
public readonly record struct DemandSource(DemandSourceKind Kind, int Partition, long Offset, int Line);
