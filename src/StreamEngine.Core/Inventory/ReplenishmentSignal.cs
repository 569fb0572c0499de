namespace StreamEngine.Core.Inventory;

/// <summary>
/// Stock position (on hand + on order) of a SKU in a warehouse fell to or below its reorder point at
/// <see cref="TimeMs"/> (event time). Emitted once per crossing; row/message identity: (Sku, Warehouse, TimeMs).
/// </summary>
public readonly record struct ReplenishmentSignal(
    string Sku,
    string Warehouse,
    long TimeMs,
    long OnHand,
    long OnOrder,
    double ReorderPoint,
    double SafetyStock,
    double DemandMean,
    long SuggestedQuantity,
    AbcClass Class,
    long ThresholdBucketStartMs);
