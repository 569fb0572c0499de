namespace StreamEngine.Core.Simulation;

/// <summary>What a scheduled simulation step is: a control step that schedules more, or a record to emit.</summary>
internal enum SimKind : byte
{
    SessionStart,
    DayTick,
    PageView,
    Search,
    ProductView,
    AddToCart,
    RemoveFromCart,
    CheckoutStart,
    Purchase,
    Payment,
    Refund,
    Chargeback,
    StockSnapshot,
    PurchaseOrder,
    Receipt,
    Adjustment,
    ShipmentDispatched,
    ShipmentDelivered,
}
