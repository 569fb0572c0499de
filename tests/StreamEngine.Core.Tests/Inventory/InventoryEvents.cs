using StreamEngine.Core.Events;

namespace StreamEngine.Core.Tests.Inventory;

/// <summary>Builders for inventory events in tests (only the fields a type carries are set).</summary>
internal static class InventoryEvents
{
    public const long Day = 86_400_000;
    public const long Hour = 3_600_000;

    public static InventoryEvent Snapshot(string sku, string warehouse, int onHand, long timeMs) =>
        new(0, timeMs, InventoryEventType.StockSnapshot, sku, warehouse, null, onHand, 0, 0, 0, 0, 0, null, null, 0, 0);

    public static InventoryEvent Adjustment(string sku, string warehouse, int delta, long timeMs) =>
        new(0, timeMs, InventoryEventType.Adjustment, sku, warehouse, null, delta, 0, 0, 0, 0, 0, null, null, 0, 0);

    public static InventoryEvent PurchaseOrder(string sku, string warehouse, string supplier, int quantity, ulong poId, long timeMs) =>
        new(0, timeMs, InventoryEventType.PurchaseOrder, sku, warehouse, supplier, quantity, poId, timeMs, 0, timeMs + (7 * Day), 0, null, null, 0, 0);

    public static InventoryEvent Receipt(string sku, string warehouse, string supplier, int quantity, ulong poId, long orderedAtMs, long receivedAtMs) =>
        new(0, receivedAtMs, InventoryEventType.Receipt, sku, warehouse, supplier, quantity, poId, orderedAtMs, receivedAtMs, 0, 0, null, null, 0, 0);

    public static InventoryEvent Delivered(ulong shipmentId, string carrier, string country, long dispatchedAtMs, long promisedAtMs, long deliveredAtMs) =>
        new(0, deliveredAtMs, InventoryEventType.ShipmentDelivered, null, "W1", null, 0, 0, 0, 0, 0, shipmentId, carrier, country, dispatchedAtMs, promisedAtMs);
}
