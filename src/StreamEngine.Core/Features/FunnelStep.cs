namespace StreamEngine.Core.Features;

/// <summary>Funnel steps in order; reaching a step counts as reaching every earlier one.</summary>
public enum FunnelStep : byte
{
    None = 0,
    View = 1,
    Cart = 2,
    Checkout = 3,
    Purchase = 4,
}
