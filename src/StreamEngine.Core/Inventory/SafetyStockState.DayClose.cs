using System.Runtime.InteropServices;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Inventory;

/// <content>Bucket close: rolling and EWMA statistics, ABC classes, cold-start fallbacks, thresholds.</content>
public sealed partial class SafetyStockState
{
    private readonly List<AbcEntry> _abc = [];
    private readonly Dictionary<(string Warehouse, string Category), (double SumMean, double SumVariance, int Count)> _categories = [];
    private long[] _revenueBuffer = [];
    private AbcClass[] _classBuffer = [];

    /// <summary>
    /// Closes every bucket whose end is at or before <paramref name="watermarkMs"/>, in order, appending one threshold
    /// per SKU and warehouse per closed bucket (and any signal a new ROP triggers). Closing stops one lookback after
    /// the newest event's bucket (nothing changes after that). The end-of-input watermark (<see cref="long.MaxValue"/>,
    /// a drain) closes only up to the newest event's bucket: later buckets would be days nobody reported on.
    /// </summary>
    public void AdvanceWatermark(long watermarkMs, long offset, List<StreamItem<SafetyStockOutput>> output)
    {
        if (_firstDay == long.MaxValue)
        {
            return;
        }

        var next = _lastClosedDay == long.MinValue ? _firstDay : _lastClosedDay + 1;
        var closeBefore = watermarkMs == long.MaxValue
            ? _maxDay + 1
            : Math.Min(
                Math.DivRem(watermarkMs, _bucketMs, out var rem) - (rem < 0 ? 1 : 0), // buckets below this end at or before the watermark
                _maxDay + _options.LookbackBuckets + 1);
        while (next < closeBefore)
        {
            CloseBucket(next, watermarkMs, offset, output);
            _lastClosedDay = next;
            next++;
        }
    }

    private void CloseBucket(long day, long watermarkMs, long offset, List<StreamItem<SafetyStockOutput>> output)
    {
        _abc.Clear();
        _categories.Clear();
        foreach (var key in _skus.Keys)
        {
            ref var s = ref CollectionsMarshal.GetValueRefOrNullRef(_skus, key);
            if (s.Demand.FirstDay <= day)
            {
                s.Ewma.Update(s.Demand.UnitsOn(day), _options.EwmaAlpha);
            }

            (s.RollingMean, s.RollingStdDev, s.HistoryDays) = s.Demand.Statistics(day);

            // Net demand below zero (more refunded than sold over the window) is no demand.
            s.RollingMean = Math.Max(0, s.RollingMean);
            s.Revenue = s.Demand.Revenue(day);
            _abc.Add(new AbcEntry(key.Warehouse, s.Revenue, key));
            if (s.HistoryDays >= _options.MinHistoryDays && s.Category.Length > 0)
            {
                ref var c = ref CollectionsMarshal.GetValueRefOrAddDefault(_categories, (key.Warehouse, s.Category), out _);
                c = (c.SumMean + s.RollingMean, c.SumVariance + (s.RollingStdDev * s.RollingStdDev), c.Count + 1);
            }
        }

        ClassifyAbc();
        var startMs = day * _bucketMs;
        var endMs = startMs + _bucketMs;
        foreach (var key in _skus.Keys)
        {
            ref var s = ref CollectionsMarshal.GetValueRefOrNullRef(_skus, key);
            var threshold = Compute(ref s, key, startMs, endMs);
            output.Add(StreamItem.Event(SafetyStockOutput.Of(threshold), endMs, watermarkMs, offset));
            AfterPositionChange(ref s, key.Sku, key.Warehouse, endMs, watermarkMs, offset, output);
        }
    }

    private StockThreshold Compute(ref SkuWarehouseState s, SkuWarehouseKey key, long startMs, long endMs)
    {
        double mean;
        double std;
        FallbackKind fallback;
        if (s.HistoryDays >= _options.MinHistoryDays)
        {
            (mean, std, fallback) = (s.RollingMean, s.RollingStdDev, FallbackKind.None);
        }
        else if (s.Category.Length > 0 && _categories.TryGetValue((key.Warehouse, s.Category), out var c) && c.Count > 0)
        {
            (mean, std, fallback) = (c.SumMean / c.Count, Math.Sqrt(c.SumVariance / c.Count), FallbackKind.Category);
        }
        else
        {
            (mean, std, fallback) = (_options.ColdStartDemandMean, _options.ColdStartDemandStdDev, FallbackKind.Defaults);
        }

        var (leadMean, leadStd, leadDefault) = LeadTime(s.Supplier, key.Warehouse);

        // Demand is per bucket; convert the lead time (days) to buckets so d·L stays in units.
        var bucketsPerDay = TimeSpan.MillisecondsPerDay / (double)_bucketMs;
        var z = _zByClass[(int)s.Class];
        var safetyStock = SafetyStockCalculator.SafetyStock(z, mean, std, leadMean * bucketsPerDay, leadStd * bucketsPerDay);
        var reorderPoint = SafetyStockCalculator.ReorderPoint(mean, leadMean * bucketsPerDay, safetyStock);
        s.HasThreshold = true;
        s.ReorderPoint = reorderPoint;
        s.SafetyStock = safetyStock;
        s.DemandMean = mean;
        s.ThresholdBucketStartMs = startMs;
        return new StockThreshold(
            key.Sku, key.Warehouse, s.Category, startMs, endMs, s.HistoryDays, mean, std, s.Ewma.Mean, s.Ewma.StdDev,
            leadMean, leadStd, leadDefault, s.Class, _options.ServiceLevelFor(s.Class), z, safetyStock, reorderPoint,
            s.OnHand, s.OnOrder, SafetyStockCalculator.DaysOfCover(s.OnHand, mean * bucketsPerDay),
            fallback != FallbackKind.None, fallback, s.OnHand + s.OnOrder <= reorderPoint);
    }

    private void ClassifyAbc()
    {
        // Per warehouse, revenue descending, SKU ordinal as the tie-break so the result does not depend on arrival order.
        _abc.Sort(static (a, b) =>
        {
            var byWarehouse = string.CompareOrdinal(a.Warehouse, b.Warehouse);
            if (byWarehouse != 0)
            {
                return byWarehouse;
            }

            var byRevenue = b.Revenue.CompareTo(a.Revenue);
            return byRevenue != 0 ? byRevenue : string.CompareOrdinal(a.Key.Sku, b.Key.Sku);
        });
        if (_revenueBuffer.Length < _abc.Count)
        {
            _revenueBuffer = new long[_abc.Count * 2];
            _classBuffer = new AbcClass[_abc.Count * 2];
        }

        var entries = CollectionsMarshal.AsSpan(_abc);
        var start = 0;
        while (start < entries.Length)
        {
            var end = start;
            while (end < entries.Length && string.Equals(entries[end].Warehouse, entries[start].Warehouse, StringComparison.Ordinal))
            {
                _revenueBuffer[end - start] = entries[end].Revenue;
                end++;
            }

            var count = end - start;
            AbcClassifier.Classify(_revenueBuffer.AsSpan(0, count), _options.AbcThresholdA, _options.AbcThresholdB, _classBuffer.AsSpan(0, count));
            for (var i = 0; i < count; i++)
            {
                CollectionsMarshal.GetValueRefOrNullRef(_skus, entries[start + i].Key).Class = _classBuffer[i];
            }

            start = end;
        }
    }

    private readonly record struct AbcEntry(string Warehouse, long Revenue, SkuWarehouseKey Key);
}
