namespace StreamEngine.Core.Inventory;

/// <content>Per-warehouse gauge inputs, written on the consume thread and read from the metrics thread.</content>
public sealed partial class SafetyStockState
{
    private readonly Dictionary<string, WarehouseCounter> _counters = new(StringComparer.Ordinal);
    private volatile WarehouseCounter[] _published = [];

    /// <summary>Counts per warehouse of SKUs at or below ROP and at zero (or negative) stock; safe from any thread.</summary>
    public WarehouseStockGauge[] GetGauges()
    {
        var counters = _published;
        var result = new WarehouseStockGauge[counters.Length];
        for (var i = 0; i < counters.Length; i++)
        {
            result[i] = new WarehouseStockGauge(counters[i].Warehouse, Volatile.Read(ref counters[i].Below), Volatile.Read(ref counters[i].Zero));
        }

        return result;
    }

    private WarehouseCounter Gauge(string warehouse)
    {
        if (!_counters.TryGetValue(warehouse, out var counter))
        {
            counter = new WarehouseCounter(warehouse);
            _counters.Add(warehouse, counter);
            _published = [.. _published, counter]; // copy on add (rare): readers see a complete array.
        }

        return counter;
    }

    private void UpdateGauges(ref SkuWarehouseState state, string warehouse)
    {
        var below = state.HasThreshold && state.OnHand + state.OnOrder <= state.ReorderPoint;
        var zero = state.OnHand <= 0;
        if (below != state.CountedBelow)
        {
            state.CountedBelow = below;
            Gauge(warehouse).AddBelow(below ? 1 : -1);
        }

        if (zero != state.CountedZero)
        {
            state.CountedZero = zero;
            Gauge(warehouse).AddZero(zero ? 1 : -1);
        }
    }

    private sealed class WarehouseCounter(string warehouse)
    {
        public int Below;
        public int Zero;

        public string Warehouse { get; } = warehouse;

        public void AddBelow(int delta) => Interlocked.Add(ref Below, delta);

        public void AddZero(int delta) => Interlocked.Add(ref Zero, delta);
    }
}
