namespace StreamEngine.Core.Inventory;

/// <summary>Plain per-SKU-and-warehouse state (checkpointable field by field); mutated in place on the consume thread.</summary>
internal struct SkuWarehouseState
{
    public RollingDemandWindow Demand;
    public EwmaStats Ewma;
    public string Category;
    public string? Supplier;
    public long OnHand;
    public long SnapshotTimeMs;
    public long OnOrder;

    /// <summary>Movements applied at or above the watermark, to correct a snapshot that arrives after them but is older.</summary>
    public List<StockMove>? RecentMoves;

    /// <summary>Open purchase orders: po id to quantity, or <see cref="ReceivedMarker"/> for a receipt seen before its order.</summary>
    public Dictionary<ulong, int>? OpenOrders;

    public bool HasThreshold;
    public double ReorderPoint;
    public double SafetyStock;
    public double DemandMean;
    public AbcClass Class;
    public long ThresholdBucketStartMs;

    /// <summary>True after a signal until the position rises above ROP again (hysteresis).</summary>
    public bool SignalDisarmed;
    public bool CountedBelow;
    public bool CountedZero;

    // Scratch values of the current day close.
    public double RollingMean;
    public double RollingStdDev;
    public int HistoryDays;
    public long Revenue;

    public const int ReceivedMarker = int.MinValue;
}
