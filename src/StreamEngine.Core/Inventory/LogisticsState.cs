using System.Runtime.InteropServices;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// Tumbling-window delivery statistics per carrier and destination country. A window keeps the exact list of its
/// delivery durations (one long per delivery: a day of one carrier/country is small) and fires when the watermark
/// reaches its end. Deliveries for a window that already fired are counted in <see cref="LateEvents"/> and dropped.
/// Consume thread only.
/// </summary>
public sealed partial class LogisticsState
{
    private readonly long _windowMs;
    private readonly Dictionary<WindowKey, WindowState> _open = [];
    private readonly List<WindowKey> _due = [];
    private long _firedUpTo = long.MinValue;

    public LogisticsState(LogisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _windowMs = options.WindowSizeMs;
    }

    /// <summary>Deliveries whose window had already fired (not in any emitted row).</summary>
    public long LateEvents { get; private set; }

    /// <summary>Delivered events with no dispatch time, or delivered before dispatched (not counted).</summary>
    public long InvalidEvents { get; private set; }

    public int OpenWindows => _open.Count;

    /// <summary>Adds a shipment_delivered event (others are ignored); its event time is the delivery time.</summary>
    public void OnEvent(in InventoryEvent e)
    {
        if (e.Type != InventoryEventType.ShipmentDelivered)
        {
            return;
        }

        if (e.DispatchedAtMs <= 0 || e.TimeMs < e.DispatchedAtMs)
        {
            InvalidEvents++;
            return;
        }

        var start = e.TimeMs - (((e.TimeMs % _windowMs) + _windowMs) % _windowMs);
        if (start + _windowMs <= _firedUpTo)
        {
            LateEvents++;
            return;
        }

        ref var window = ref CollectionsMarshal.GetValueRefOrAddDefault(
            _open, new WindowKey(start, e.Carrier ?? string.Empty, e.DestinationCountry ?? string.Empty), out var exists);
        if (!exists)
        {
            window.Durations = [];
        }

        window.Durations!.Add(e.TimeMs - e.DispatchedAtMs);
        if (e.PromisedAtMs > 0 && e.TimeMs > e.PromisedAtMs)
        {
            window.Late++;
        }
    }

    /// <summary>Emits every window with end ≤ <paramref name="watermarkMs"/>, ordered by start, carrier, country.</summary>
    public void AdvanceWatermark(long watermarkMs, long offset, List<StreamItem<DeliveryStats>> output)
    {
        if (watermarkMs <= _firedUpTo)
        {
            return;
        }

        _firedUpTo = watermarkMs;
        if (_open.Count == 0)
        {
            return;
        }

        _due.Clear();
        foreach (var key in _open.Keys)
        {
            if (key.StartMs + _windowMs <= watermarkMs)
            {
                _due.Add(key);
            }
        }

        _due.Sort(static (a, b) =>
        {
            var c = a.StartMs.CompareTo(b.StartMs);
            c = c != 0 ? c : string.CompareOrdinal(a.Carrier, b.Carrier);
            return c != 0 ? c : string.CompareOrdinal(a.Country, b.Country);
        });
        foreach (var key in _due)
        {
            _open.Remove(key, out var window);
            var stats = Summarise(key, window);
            output.Add(StreamItem.Event(stats, stats.WindowEndMs - 1, watermarkMs, offset));
        }
    }

    /// <summary>Nearest-rank quantile of sorted values: the smallest value with at least q·n values at or below it.</summary>
    public static long NearestRank(ReadOnlySpan<long> sorted, double q)
    {
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private DeliveryStats Summarise(WindowKey key, WindowState window)
    {
        var durations = CollectionsMarshal.AsSpan(window.Durations);
        durations.Sort();
        double sum = 0;
        foreach (var d in durations)
        {
            sum += d;
        }

        var n = durations.Length;
        return new DeliveryStats(
            key.StartMs, key.StartMs + _windowMs, key.Carrier, key.Country, n, window.Late, (double)window.Late / n,
            sum / n, NearestRank(durations, 0.50), NearestRank(durations, 0.95), durations[^1]);
    }

    private readonly record struct WindowKey(long StartMs, string Carrier, string Country);

    private struct WindowState
    {
        public List<long>? Durations;
        public int Late;
    }
}
