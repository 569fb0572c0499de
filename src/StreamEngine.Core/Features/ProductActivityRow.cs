namespace StreamEngine.Core.Features;

/// <summary>
/// One row of <c>product_activity</c>: a product (or category) and country in one window of one source partition.
/// Identity: (Dimension, Key, Country, WindowSizeMs, WindowStartMs, Partition); <see cref="Version"/> = events folded
/// in. Partitions hold disjoint users, so totals are sums over partitions and visitors merge with maxForEach over
/// <see cref="VisitorSketch"/> (the non-zero HyperLogLog registers, see <see cref="Aggregates.HyperLogLog.ToSparse"/>).
/// Revenue is in reporting-currency minor units.
/// </summary>
public readonly record struct ProductActivityRow(
    long WindowStartMs,
    long WindowEndMs,
    long WindowSizeMs,
    ActivityDimension Dimension,
    string Key,
    string Country,
    int Partition,
    long Views,
    double UniqueVisitors,
    ushort[] VisitorSketch,
    long AddToCarts,
    long Checkouts,
    long Purchases,
    long Units,
    long RevenueMinor,
    double ViewToCart,
    double ViewToPurchase,
    long Version);
