using StreamEngine.Core.Features;

namespace StreamEngine.Host.Http;

/// <summary>
/// The most active products over the newest few closed per-SKU minute windows, from product-activity rows. Bounded:
/// at most <see cref="MaxWindows"/> window starts and <see cref="MaxEntriesPerWindow"/> (SKU, country, partition)
/// entries each. A re-emitted row (late update, higher version) replaces the earlier one. Not thread-safe: the
/// <see cref="StatusBoard"/> locks around it.
/// </summary>
internal sealed class TopProductsTracker
{
    public const int MaxWindows = 5;
    public const int MaxEntriesPerWindow = 20_000;

    private readonly SortedDictionary<long, Dictionary<(string Sku, string Country, int Partition), ProductActivityRow>> _windows = [];

    /// <summary>Adds a per-SKU minute-window row; rows older than every tracked window are ignored once the set is full.</summary>
    public void Add(in ProductActivityRow row)
    {
        if (!_windows.TryGetValue(row.WindowStartMs, out var entries))
        {
            if (_windows.Count >= MaxWindows)
            {
                long oldest = _windows.Keys.First();
                if (row.WindowStartMs < oldest)
                {
                    return;
                }

                _windows.Remove(oldest);
            }

            entries = [];
            _windows.Add(row.WindowStartMs, entries);
        }

        var key = (row.Key, row.Country, row.Partition);
        if (entries.TryGetValue(key, out var existing))
        {
            if (existing.Version <= row.Version)
            {
                entries[key] = row;
            }
        }
        else if (entries.Count < MaxEntriesPerWindow)
        {
            entries.Add(key, row);
        }
    }

    /// <summary>The top <paramref name="count"/> SKUs by views (then purchases) summed over the tracked windows.</summary>
    public TopProductsView Top(int count)
    {
        var totals = new Dictionary<string, TopProduct>(StringComparer.Ordinal);
        foreach (var entries in _windows.Values)
        {
            foreach (var row in entries.Values)
            {
                totals.TryGetValue(row.Key, out var t);
                totals[row.Key] = new TopProduct(row.Key, t.Views + row.Views, t.AddToCarts + row.AddToCarts, t.Purchases + row.Purchases, t.RevenueMinor + row.RevenueMinor);
            }
        }

        var top = totals.Values
            .OrderByDescending(p => p.Views)
            .ThenByDescending(p => p.Purchases)
            .ThenBy(p => p.Sku, StringComparer.Ordinal)
            .Take(count)
            .ToArray();
        return _windows.Count == 0
            ? new TopProductsView(0, 0, top)
            : new TopProductsView(_windows.Keys.First(), _windows.Values.Last().Values.FirstOrDefault().WindowEndMs, top);
    }
}
