namespace StreamEngine.Core.Inventory;

/// <summary>
/// Per-bucket demand and revenue of one SKU over the last N buckets: a fixed ring of integer daily totals indexed by
/// day mod (N + spare), each slot tagged with its day so stale slots read as zero. The spare slots hold buckets that
/// are still open (ahead of the watermark) without overwriting the oldest bucket of the window being closed. Statistics are recomputed from the ring
/// (N integer additions, exact; no running floating-point sums to drift). Called on the consume thread only.
/// </summary>
public partial struct RollingDemandWindow
{
    private DayBucket[]? _ring;

    public RollingDemandWindow(int buckets, int spareBuckets = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(spareBuckets);
        Buckets = buckets;
        _ring = new DayBucket[buckets + spareBuckets];
        Array.Fill(_ring, new DayBucket(long.MinValue, 0, 0));
        FirstDay = long.MaxValue;
    }

    /// <summary>The earliest bucket the SKU was seen in, by demand or a stock event (its history start); long.MaxValue when none.</summary>
    public long FirstDay { get; private set; }

    /// <summary>Window length N in buckets (the ring holds N + spare).</summary>
    public int Buckets { get; }

    /// <summary>The ring itself, for checkpoints.</summary>
    public readonly ReadOnlySpan<DayBucket> Ring => _ring;

    public readonly bool IsInitialized => _ring is not null;

    /// <summary>Adds units and revenue to bucket <paramref name="day"/>; false when the slot already holds a newer day.</summary>
    public bool Add(long day, long units, long revenueCents)
    {
        var ring = _ring!;
        ref var slot = ref ring[(int)(((day % ring.Length) + ring.Length) % ring.Length)];
        if (slot.Day != day)
        {
            if (slot.Day > day)
            {
                return false;
            }

            slot = new DayBucket(day, 0, 0);
        }

        slot.Units += units;
        slot.RevenueCents += revenueCents;
        if (day < FirstDay)
        {
            FirstDay = day;
        }

        return true;
    }

    /// <summary>Starts the history at <paramref name="day"/> if it is earlier (a stock event shows the SKU existed then).</summary>
    public void MarkSeen(long day)
    {
        if (day < FirstDay)
        {
            FirstDay = day;
        }
    }

    /// <summary>Units in bucket <paramref name="day"/> (0 when the ring no longer or not yet holds it).</summary>
    public readonly long UnitsOn(long day)
    {
        var ring = _ring!;
        var slot = ring[(int)(((day % ring.Length) + ring.Length) % ring.Length)];
        return slot.Day == day ? slot.Units : 0;
    }

    /// <summary>Number of buckets of history ending at <paramref name="lastDay"/>, capped at the ring size.</summary>
    public readonly int HistoryDays(long lastDay) =>
        FirstDay > lastDay ? 0 : (int)Math.Min(lastDay - FirstDay + 1, Buckets);

    /// <summary>
    /// Mean and sample standard deviation of units per bucket over the window ending at <paramref name="lastDay"/>.
    /// The window is the last N buckets, or fewer while the history is shorter; empty buckets count as zero.
    /// </summary>
    public readonly (double Mean, double StdDev, int Days) Statistics(long lastDay)
    {
        var days = HistoryDays(lastDay);
        if (days == 0)
        {
            return (0, 0, 0);
        }

        Int128 sum = 0;
        Int128 sumSquares = 0;
        foreach (var slot in _ring!)
        {
            if (slot.Day > lastDay - days && slot.Day <= lastDay)
            {
                sum += slot.Units;
                sumSquares += (Int128)slot.Units * slot.Units;
            }
        }

        var mean = (double)sum / days;
        if (days == 1)
        {
            return (mean, 0, 1);
        }

        // Exact integer numerator n·Σx² − (Σx)² (never negative), so no cancellation error.
        var numerator = (days * sumSquares) - (sum * sum);
        var variance = (double)numerator / ((double)days * (days - 1));
        return (mean, Math.Sqrt(variance), days);
    }

    /// <summary>Revenue in minor units over the window ending at <paramref name="lastDay"/>.</summary>
    public readonly long Revenue(long lastDay)
    {
        long total = 0;
        foreach (var slot in _ring!)
        {
            if (slot.Day > lastDay - Buckets && slot.Day <= lastDay)
            {
                total += slot.RevenueCents;
            }
        }

        return total;
    }
}
