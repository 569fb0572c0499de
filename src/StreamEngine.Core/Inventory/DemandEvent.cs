namespace StreamEngine.Core.Inventory;

/// <summary>
/// Units sold of one SKU from one warehouse, derived by the host from purchases (positive units) and refunds (negative).
/// <see cref="RevenueCents"/> is in minor units and feeds the ABC classification; <see cref="Category"/> the cold start.
/// </summary>
public readonly record struct DemandEvent(string Sku, string Warehouse, int Units, long RevenueCents, string Category);
