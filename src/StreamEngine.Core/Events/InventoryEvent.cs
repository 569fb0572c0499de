namespace StreamEngine.Core.Events;

/// <summary>
/// A decoded inventory event. <see cref="Quantity"/> is the on-hand level for a snapshot, the ordered or received units
/// for purchase orders and receipts, and a signed delta for adjustments. Times not carried by the type are 0.
/// Shipment fields are null/0 for stock events and vice versa.
/// </summary>
public readonly record struct InventoryEvent(
    ulong EventId,
    long TimeMs,
    InventoryEventType Type,
    string? Sku,
    string Warehouse,
    string? Supplier,
    int Quantity,
    ulong PurchaseOrderId,
    long OrderedAtMs,
    long ReceivedAtMs,
    long ExpectedAtMs,
    ulong ShipmentId,
    string? Carrier,
    string? DestinationCountry,
    long DispatchedAtMs,
    long PromisedAtMs);
