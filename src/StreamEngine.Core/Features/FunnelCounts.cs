namespace StreamEngine.Core.Features;

#pragma warning disable CA1051 // Aggregate state: fields are updated in place through ref, allocation-free (Trill style).

/// <summary>Sessions that first reached each step in one bucket.</summary>
public struct FunnelCounts
{
    public long Viewed;
    public long Carted;
    public long CheckedOut;
    public long Purchased;
}
