namespace StreamEngine.Core.Events;

/// <summary>Stock movements per SKU and warehouse, and shipments of orders to customers.</summary>
public enum InventoryEventType : byte
{
    StockSnapshot,
    PurchaseOrder,
    Receipt,
    Adjustment,
    ShipmentDispatched,
    ShipmentDelivered,
}
