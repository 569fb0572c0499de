using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Features;

#pragma warning disable CA1051 // Aggregate state: fields are updated in place through ref, allocation-free (Trill style).

/// <summary>Counters of one product (or category) and country in one window; revenue in reporting-currency minor units.</summary>
public struct ProductActivityState
{
    public long Views;
    public long AddToCarts;
    public long Checkouts;
    public long Purchases;
    public long Units;
    public long RevenueMinor;

    /// <summary>Distinct users (pseudonyms) with any counted event.</summary>
    public HyperLogLog Visitors;
}
