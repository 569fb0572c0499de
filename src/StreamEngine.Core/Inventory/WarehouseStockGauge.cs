namespace StreamEngine.Core.Inventory;

/// <summary>Per-warehouse gauge inputs: SKUs whose position is at or below ROP, and SKUs with nothing on hand.</summary>
public readonly record struct WarehouseStockGauge(string Warehouse, int SkusAtOrBelowReorderPoint, int SkusAtZeroStock);
