namespace StreamEngine.Core.Inventory;

/// <summary>
/// Safety stock and reorder point of one SKU in one warehouse, recomputed when bucket
/// [<see cref="BucketStartMs"/>, <see cref="ComputedAtMs"/>) closes. Demand figures are units per bucket (day) and
/// are the ones used in the formulas (the category or default values when <see cref="IsFallback"/>); lead time in days.
/// Row identity for idempotent writes: (Sku, Warehouse, BucketStartMs).
/// </summary>
public readonly record struct StockThreshold(
    string Sku,
    string Warehouse,
    string Category,
    long BucketStartMs,
    long ComputedAtMs,
    int HistoryDays,
    double DemandMean,
    double DemandStdDev,
    double DemandEwmaMean,
    double DemandEwmaStdDev,
    double LeadTimeMeanDays,
    double LeadTimeStdDevDays,
    bool LeadTimeIsDefault,
    AbcClass Class,
    double ServiceLevel,
    double Z,
    double SafetyStock,
    double ReorderPoint,
    long OnHand,
    long OnOrder,
    double DaysOfCover,
    bool IsFallback,
    FallbackKind FallbackKind,
    bool BelowReorderPoint);
