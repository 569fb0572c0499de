namespace StreamEngine.Core.Inventory;

/// <summary>State key: one SKU in one warehouse (ordinal string equality).</summary>
public readonly record struct SkuWarehouseKey(string Sku, string Warehouse);
