namespace StreamEngine.Host.Http;

/// <summary>A SKU in a warehouse whose stock position fell to or below its reorder point (latest crossing).</summary>
public sealed record StockAlert(string Sku, string Warehouse, long TimeMs, long OnHand, long OnOrder, double ReorderPoint, long SuggestedQuantity);
