using StreamEngine.Core.Inventory;
using StreamEngine.Core.Metrics;

namespace StreamEngine.Host.Features;

/// <summary>
/// Binds the per-warehouse inventory gauges to the live <see cref="SafetyStockState"/> of every partition task: a
/// scrape sums the tasks' counts. Warehouses are bound on first sight (consume thread); reads come from the metrics thread.
/// </summary>
internal sealed class SafetyStockGauges(EngineMetrics metrics)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);
    private SafetyStockState[] _states = [];

    /// <summary>Adds a task's state; disposing the result removes it (partition revoked).</summary>
    public IDisposable Add(SafetyStockState state)
    {
        lock (_gate)
        {
            _states = [.. _states, state];
        }

        return System.Reactive.Disposables.Disposable.Create(() =>
        {
            lock (_gate)
            {
                _states = Array.FindAll(_states, s => !ReferenceEquals(s, state));
            }
        });
    }

    /// <summary>Creates the warehouse's series the first time it is seen (consume thread).</summary>
    public void Observe(string warehouse)
    {
        if (_bound.Add(warehouse))
        {
            metrics.SkusBelowReorderPoint.WithLabels(warehouse).Bind(() => Sum(warehouse, below: true));
            metrics.SkusOutOfStock.WithLabels(warehouse).Bind(() => Sum(warehouse, below: false));
        }
    }

    private double Sum(string warehouse, bool below)
    {
        var total = 0;
        foreach (var state in Volatile.Read(ref _states))
        {
            foreach (var gauge in state.GetGauges())
            {
                if (string.Equals(gauge.Warehouse, warehouse, StringComparison.Ordinal))
                {
                    total += below ? gauge.SkusAtOrBelowReorderPoint : gauge.SkusAtZeroStock;
                }
            }
        }

        return total;
    }
}
