using System.Runtime.InteropServices;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// The safety-stock state machine of one task (partition): on hand, on order, demand buckets, lead times, thresholds
/// and signal hysteresis. All methods except <see cref="GetGauges"/> are called on the consume thread only; outputs
/// are appended to the caller's list. <see cref="GetGauges"/> may be called from any thread (the metrics scrape).
/// </summary>
public sealed partial class SafetyStockState
{
    private readonly SafetyStockOptions _options;
    private readonly long _bucketMs;
    private readonly double _reviewPeriodDays;
    private readonly double[] _zByClass;
    private readonly Dictionary<SkuWarehouseKey, SkuWarehouseState> _skus = [];
    private readonly Dictionary<(string Supplier, string Warehouse), LeadTimeStats> _leadTimes = [];
    private long _firstDay = long.MaxValue;
    private long _maxDay = long.MinValue;
    private long _lastClosedDay = long.MinValue;

    public SafetyStockState(SafetyStockOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _bucketMs = options.BucketSizeMs;
        _reviewPeriodDays = options.ReviewPeriod.TotalDays;
        _zByClass = [InverseNormal.Quantile(options.ServiceLevelA), InverseNormal.Quantile(options.ServiceLevelB), InverseNormal.Quantile(options.ServiceLevelC)];
    }

    /// <summary>Demand events for a bucket that had already closed (still added to the ring, see docs).</summary>
    public long LateDemandEvents { get; private set; }

    /// <summary>Demand events older than the lookback ring (not counted in any statistic).</summary>
    public long ExpiredDemandEvents { get; private set; }

    /// <summary>Snapshots older than the last applied snapshot of their SKU (ignored).</summary>
    public long StaleSnapshots { get; private set; }

    /// <summary>Snapshots applied with a time below the watermark: movements between them and the watermark may be missing.</summary>
    public long LateSnapshots { get; private set; }

    /// <summary>Index of the last closed bucket (time / bucket size); long.MinValue before the first.</summary>
    public long LastClosedBucket => _lastClosedDay;

    public int SkuCount => _skus.Count;

    /// <summary>
    /// Applies one demand event at event time <paramref name="timeMs"/>: units sold, or refunded (negative), netted into
    /// the bucket of <paramref name="timeMs"/>. Only sales move on hand: a refund is money back, and returned goods
    /// re-enter stock through the warehouse's own events (adjustment, snapshot).
    /// </summary>
    public void OnDemand(in DemandEvent demand, long timeMs, long watermarkMs, long offset, List<StreamItem<SafetyStockOutput>> output)
    {
        ref var state = ref GetState(demand.Sku, demand.Warehouse);
        if (!string.IsNullOrEmpty(demand.Category))
        {
            state.Category = demand.Category;
        }

        var day = Math.DivRem(timeMs, _bucketMs, out var rem) - (rem < 0 ? 1 : 0);
        _firstDay = Math.Min(_firstDay, day);
        _maxDay = Math.Max(_maxDay, day);
        if (day <= _lastClosedDay)
        {
            LateDemandEvents++;
        }

        if (!state.Demand.Add(day, demand.Units, demand.RevenueCents))
        {
            ExpiredDemandEvents++;
        }

        if (demand.Units > 0)
        {
            Move(ref state, timeMs, -demand.Units, watermarkMs);
        }

        AfterPositionChange(ref state, demand.Sku, demand.Warehouse, timeMs, watermarkMs, offset, output);
    }

    /// <summary>Applies one stock event; shipment events are ignored here (see LogisticsPipeline).</summary>
    public void OnInventory(in InventoryEvent e, long watermarkMs, long offset, List<StreamItem<SafetyStockOutput>> output)
    {
        if (e.Sku is null || e.Type is InventoryEventType.ShipmentDispatched or InventoryEventType.ShipmentDelivered)
        {
            return;
        }

        ref var state = ref GetState(e.Sku, e.Warehouse);
        var day = Math.DivRem(e.TimeMs, _bucketMs, out var rem) - (rem < 0 ? 1 : 0);
        _firstDay = Math.Min(_firstDay, day);
        _maxDay = Math.Max(_maxDay, day);
        state.Demand.MarkSeen(day);
        switch (e.Type)
        {
            case InventoryEventType.StockSnapshot:
                ApplySnapshot(ref state, e.TimeMs, e.Quantity, watermarkMs);

                break;
            case InventoryEventType.Adjustment:
                Move(ref state, e.TimeMs, e.Quantity, watermarkMs);

                break;
            case InventoryEventType.PurchaseOrder:
                state.Supplier = e.Supplier ?? state.Supplier;
                state.OpenOrders ??= [];
                ref var open = ref CollectionsMarshal.GetValueRefOrAddDefault(state.OpenOrders, e.PurchaseOrderId, out var known);
                if (!known)
                {
                    open = e.Quantity;
                    state.OnOrder += e.Quantity;
                }
                else if (open == SkuWarehouseState.ReceivedMarker)
                {
                    state.OpenOrders.Remove(e.PurchaseOrderId);
                }

                break;
            case InventoryEventType.Receipt:
                state.Supplier = e.Supplier ?? state.Supplier;
                Move(ref state, e.TimeMs, e.Quantity, watermarkMs);

                ClearOrder(ref state, e.PurchaseOrderId);
                RecordLeadTime(e);
                break;
        }

        AfterPositionChange(ref state, e.Sku, e.Warehouse, e.TimeMs, watermarkMs, offset, output);
    }

    /// <summary>Lead-time mean and standard deviation in days for a supplier and warehouse, and whether they are the default.</summary>
    public (double MeanDays, double StdDevDays, bool IsDefault) LeadTime(string? supplier, string warehouse)
    {
        if (supplier is not null && _leadTimes.TryGetValue((supplier, warehouse), out var stats) && stats.Count >= _options.MinReceipts)
        {
            var (mean, std) = stats.Statistics();
            return (mean, std, false);
        }

        var fallback = (supplier is not null && _options.DefaultLeadTimeBySupplier.TryGetValue(supplier, out var bySupplier)) ? bySupplier
            : _options.DefaultLeadTimeByWarehouse.TryGetValue(warehouse, out var byWarehouse) ? byWarehouse
            : _options.DefaultLeadTime;
        return (fallback.Mean.TotalDays, fallback.StdDev.TotalDays, true);
    }

    /// <summary>Current on hand and on order of a SKU in a warehouse ((0, 0) when unknown).</summary>
    public (long OnHand, long OnOrder) Position(string sku, string warehouse) =>
        _skus.TryGetValue(new SkuWarehouseKey(sku, warehouse), out var s) ? (s.OnHand, s.OnOrder) : (0, 0);

    /// <summary>
    /// A stock movement: applied when newer than the last snapshot (older ones are already in it), and remembered while
    /// it is at or above the watermark so a snapshot that arrives after it but is older can be corrected.
    /// </summary>
    private static void Move(ref SkuWarehouseState state, long timeMs, int delta, long watermarkMs)
    {
        if (timeMs <= state.SnapshotTimeMs)
        {
            return;
        }

        state.OnHand += delta;
        var moves = state.RecentMoves ??= [];
        PruneMoves(moves, watermarkMs);
        if (timeMs >= watermarkMs)
        {
            moves.Add(new StockMove(timeMs, delta));
        }
    }

    /// <summary>On hand = snapshot + movements after its time still remembered; an older snapshot than the last is ignored.</summary>
    private void ApplySnapshot(ref SkuWarehouseState state, long timeMs, int quantity, long watermarkMs)
    {
        if (timeMs < state.SnapshotTimeMs)
        {
            StaleSnapshots++;
            return;
        }

        if (timeMs < watermarkMs)
        {
            LateSnapshots++;
        }

        long onHand = quantity;
        if (state.RecentMoves is { } moves)
        {
            PruneMoves(moves, Math.Min(watermarkMs, timeMs + 1));
            foreach (var move in moves)
            {
                if (move.TimeMs > timeMs)
                {
                    onHand += move.Delta;
                }
            }
        }

        state.OnHand = onHand;
        state.SnapshotTimeMs = timeMs;
    }

    private static void PruneMoves(List<StockMove> moves, long keepFromMs)
    {
        var kept = 0;
        for (var i = 0; i < moves.Count; i++)
        {
            if (moves[i].TimeMs >= keepFromMs)
            {
                moves[kept++] = moves[i];
            }
        }

        moves.RemoveRange(kept, moves.Count - kept);
    }

    private static void ClearOrder(ref SkuWarehouseState state, ulong poId)
    {
        state.OpenOrders ??= [];
        ref var open = ref CollectionsMarshal.GetValueRefOrAddDefault(state.OpenOrders, poId, out var known);
        if (!known)
        {
            open = SkuWarehouseState.ReceivedMarker;
        }
        else if (open != SkuWarehouseState.ReceivedMarker)
        {
            state.OnOrder -= open;
            state.OpenOrders.Remove(poId);
        }
    }

    private void RecordLeadTime(in InventoryEvent e)
    {
        if (e.Supplier is null || e.OrderedAtMs <= 0 || e.ReceivedAtMs < e.OrderedAtMs)
        {
            return;
        }

        ref var stats = ref CollectionsMarshal.GetValueRefOrAddDefault(_leadTimes, (e.Supplier, e.Warehouse), out var exists);
        if (!exists)
        {
            stats = new LeadTimeStats(_options.LeadTimeReceipts);
        }

        stats.Add((e.ReceivedAtMs - e.OrderedAtMs) / (double)TimeSpan.MillisecondsPerDay);
    }

    private ref SkuWarehouseState GetState(string sku, string warehouse)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_skus, new SkuWarehouseKey(sku, warehouse), out var exists);
        if (!exists)
        {
            state.Demand = new RollingDemandWindow(_options.LookbackBuckets, _options.OpenBuckets);
            state.Category = string.Empty;
            state.SnapshotTimeMs = long.MinValue;
            state.Class = AbcClass.C;
            state.CountedZero = true;
            Gauge(warehouse).AddZero(1);
        }

        return ref state;
    }

    private void AfterPositionChange(
        ref SkuWarehouseState state, string sku, string warehouse, long timeMs, long watermarkMs, long offset, List<StreamItem<SafetyStockOutput>> output)
    {
        if (state.HasThreshold)
        {
            var position = state.OnHand + state.OnOrder;
            if (position <= state.ReorderPoint)
            {
                if (!state.SignalDisarmed)
                {
                    state.SignalDisarmed = true;
                    var quantity = SafetyStockCalculator.SuggestedOrderQuantity(
                        state.ReorderPoint, state.DemandMean, _reviewPeriodDays, state.OnHand, state.OnOrder, _options.MinimumOrderQuantity);
                    var signal = new ReplenishmentSignal(
                        sku, warehouse, timeMs, state.OnHand, state.OnOrder, state.ReorderPoint, state.SafetyStock, state.DemandMean, quantity, state.Class, state.ThresholdBucketStartMs);
                    output.Add(StreamItem.Event(SafetyStockOutput.Of(signal), timeMs, watermarkMs, offset));
                }
            }
            else
            {
                state.SignalDisarmed = false;
            }
        }

        UpdateGauges(ref state, warehouse);
    }
}
