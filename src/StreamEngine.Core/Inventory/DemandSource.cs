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
/// The input record (partition, offset, and line of a refund) a demand record was derived from. A producing task
/// consumes each source partition in offset order, so its demand records of one kind arrive in a demand partition in
/// ascending source position; one at or below the last seen position is a re-production after a restart.
/// </summary>
public readonly record struct DemandSource(DemandSourceKind Kind, int Partition, long Offset, int Line)
{
    /// <summary>Whether this record comes at or before <paramref name="other"/> in its producer's order.</summary>
    public bool IsAtOrBefore(in DemandSource other) => Offset < other.Offset || (Offset == other.Offset && Line <= other.Line);
}
