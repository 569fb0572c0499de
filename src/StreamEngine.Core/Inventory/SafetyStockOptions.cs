namespace StreamEngine.Core.Inventory;

/// <summary>Safety-stock settings, bound from the configuration section "StreamEngine:SafetyStock".</summary>
public sealed class SafetyStockOptions
{
    public const string SectionName = "StreamEngine:SafetyStock";

    /// <summary>Demand bucket size; statistics are per bucket ("per day" in the docs when it is one day).</summary>
    public TimeSpan BucketSize { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Rolling window of demand and revenue (whole buckets; days without sales count as zero).</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(28);

    /// <summary>
    /// Buckets ahead of the last closed one that may receive demand before they close (watermark lag, out-of-order
    /// data); demand further ahead overwrites the oldest buckets of the window (see docs/safety-stock.md).
    /// </summary>
    public int OpenBuckets { get; set; } = 2;

    /// <summary>Weight of the newest bucket in the exponentially weighted mean and variance, in (0, 1].</summary>
    public double EwmaAlpha { get; set; } = 0.1;

    public double ServiceLevelA { get; set; } = 0.99;

    public double ServiceLevelB { get; set; } = 0.95;

    public double ServiceLevelC { get; set; } = 0.90;

    /// <summary>SKUs making up this cumulative revenue share (ranked descending) are class A.</summary>
    public double AbcThresholdA { get; set; } = 0.80;

    /// <summary>Up to this cumulative share class B; the rest class C.</summary>
    public double AbcThresholdB { get; set; } = 0.95;

    /// <summary>A SKU with fewer days since its first sale uses the category or default demand (cold start).</summary>
    public int MinHistoryDays { get; set; } = 7;

    /// <summary>Cold-start demand mean per bucket when the category has no mature SKU.</summary>
    public double ColdStartDemandMean { get; set; } = 1.0;

    /// <summary>Cold-start demand standard deviation per bucket when the category has no mature SKU.</summary>
    public double ColdStartDemandStdDev { get; set; } = 1.0;

    /// <summary>Lead-time statistics use the last this many receipts of a supplier and warehouse.</summary>
    public int LeadTimeReceipts { get; set; } = 20;

    /// <summary>Configured lead time is used until this many receipts have been seen.</summary>
    public int MinReceipts { get; set; } = 3;

    /// <summary>Lead time when neither the supplier nor the warehouse has a configured default.</summary>
    public LeadTimeDefault DefaultLeadTime { get; set; } = new();

    /// <summary>Default lead time per supplier id (checked first).</summary>
    public Dictionary<string, LeadTimeDefault> DefaultLeadTimeBySupplier { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Default lead time per warehouse id (checked when the supplier has none).</summary>
    public Dictionary<string, LeadTimeDefault> DefaultLeadTimeByWarehouse { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Review period of the order-up-to rule: the order covers ROP plus demand over this period.</summary>
    public TimeSpan ReviewPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Minimum order quantity in units; a positive suggestion below it is raised to it.</summary>
    public long MinimumOrderQuantity { get; set; } = 1;

    /// <summary>Lookback in whole buckets.</summary>
    public int LookbackBuckets => (int)(Lookback.Ticks / BucketSize.Ticks);

    public long BucketSizeMs => (long)BucketSize.TotalMilliseconds;

    public double ServiceLevelFor(AbcClass abcClass) => abcClass switch
    {
        AbcClass.A => ServiceLevelA,
        AbcClass.B => ServiceLevelB,
        _ => ServiceLevelC,
    };

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid key.</summary>
    public void Validate()
    {
        Require(BucketSize >= TimeSpan.FromSeconds(1) && BucketSize.Ticks % TimeSpan.TicksPerMillisecond == 0, nameof(BucketSize), "must be whole milliseconds, at least 1 s");
        Require(Lookback >= BucketSize && Lookback.Ticks % BucketSize.Ticks == 0, nameof(Lookback), "must be a whole multiple of BucketSize");
        Require(LookbackBuckets <= 3660, nameof(Lookback), "must be at most 3660 buckets");
        Require(OpenBuckets >= 1 && OpenBuckets <= 1000, nameof(OpenBuckets), "must be in [1, 1000]");
        Require(EwmaAlpha > 0 && EwmaAlpha <= 1, nameof(EwmaAlpha), "must be in (0, 1]");
        Require(ServiceLevelA > 0 && ServiceLevelA < 1, nameof(ServiceLevelA), "must be in (0, 1)");
        Require(ServiceLevelB > 0 && ServiceLevelB < 1, nameof(ServiceLevelB), "must be in (0, 1)");
        Require(ServiceLevelC > 0 && ServiceLevelC < 1, nameof(ServiceLevelC), "must be in (0, 1)");
        Require(AbcThresholdA > 0 && AbcThresholdA <= 1, nameof(AbcThresholdA), "must be in (0, 1]");
        Require(AbcThresholdB >= AbcThresholdA && AbcThresholdB <= 1, nameof(AbcThresholdB), "must be in [AbcThresholdA, 1]");
        Require(MinHistoryDays >= 1 && MinHistoryDays <= LookbackBuckets, nameof(MinHistoryDays), "must be in [1, lookback buckets]");
        Require(ColdStartDemandMean >= 0 && double.IsFinite(ColdStartDemandMean), nameof(ColdStartDemandMean), "must be finite and >= 0");
        Require(ColdStartDemandStdDev >= 0 && double.IsFinite(ColdStartDemandStdDev), nameof(ColdStartDemandStdDev), "must be finite and >= 0");
        Require(LeadTimeReceipts >= 2, nameof(LeadTimeReceipts), "must be at least 2");
        Require(MinReceipts >= 1 && MinReceipts <= LeadTimeReceipts, nameof(MinReceipts), "must be in [1, LeadTimeReceipts]");
        Require(DefaultLeadTime is not null, nameof(DefaultLeadTime), "is required");
        ValidateLeadTime(DefaultLeadTime!, nameof(DefaultLeadTime));
        foreach (var (key, value) in DefaultLeadTimeBySupplier)
        {
            ValidateLeadTime(value, $"{nameof(DefaultLeadTimeBySupplier)}:{key}");
        }

        foreach (var (key, value) in DefaultLeadTimeByWarehouse)
        {
            ValidateLeadTime(value, $"{nameof(DefaultLeadTimeByWarehouse)}:{key}");
        }

        Require(ReviewPeriod >= TimeSpan.Zero, nameof(ReviewPeriod), "must be >= 0");
        Require(MinimumOrderQuantity >= 0, nameof(MinimumOrderQuantity), "must be >= 0");
    }

    private static void ValidateLeadTime(LeadTimeDefault? value, string key)
    {
        Require(value is not null, key, "is required");
        Require(value!.Mean > TimeSpan.Zero, key + ":Mean", "must be > 0");
        Require(value.StdDev >= TimeSpan.Zero, key + ":StdDev", "must be >= 0");
    }

    private static void Require(bool condition, string key, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{SectionName}:{key} {message}.");
        }
    }
}
