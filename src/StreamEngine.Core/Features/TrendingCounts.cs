namespace StreamEngine.Core.Features;

#pragma warning disable CA1051 // Aggregate state: fields are updated in place through ref, allocation-free (Trill style).

/// <summary>Views and purchases (order lines) of one product in one window.</summary>
public struct TrendingCounts
{
    public long Views;
    public long Purchases;
}
