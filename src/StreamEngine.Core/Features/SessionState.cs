namespace StreamEngine.Core.Features;

#pragma warning disable CA1051 // Aggregate state: fields are updated in place through ref, allocation-free (Trill style).

/// <summary>
/// What one session has done so far. Entry channel and country come from its earliest event (ties: smaller event id),
/// so merging sessions is order-independent. Cart values are in reporting-currency minor units.
/// </summary>
public struct SessionState
{
    public ulong UserId;
    public long FirstMs;
    public ulong FirstEventId;
    public long LastMs;
    public string? EntryChannel;
    public string? Country;
    public int Pages;
    public int ProductViews;
    public int CartAdds;
    public int Purchases;
    public long CartAddedMinor;
    public long CartRemovedMinor;
    public long PurchasedMinor;
    public long Events;

    /// <summary>Value added to the cart and neither removed nor purchased (never negative).</summary>
    public readonly long AbandonedCartMinor => Math.Max(0, CartAddedMinor - CartRemovedMinor - PurchasedMinor);
}
