namespace StreamEngine.Core.Inventory;

/// <summary>
/// Lead times in days of the last N receipts of one supplier and warehouse (a ring, recomputed two-pass on read,
/// which is exact enough for N ≤ a few hundred and has no drift). Called on the consume thread only.
/// </summary>
public partial struct LeadTimeStats
{
    private double[]? _ring;

    public LeadTimeStats(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new double[capacity];
    }

    /// <summary>Receipts seen in total (the ring keeps the last N).</summary>
    public long Count { get; private set; }

    public readonly bool IsInitialized => _ring is not null;

    /// <summary>The ring itself, for checkpoints (slot Count mod N is the next to be overwritten).</summary>
    public readonly ReadOnlySpan<double> Ring => _ring;

    public void Add(double leadTimeDays)
    {
        _ring![(int)(Count % _ring.Length)] = leadTimeDays;
        Count++;
    }

    /// <summary>Mean and sample standard deviation over the receipts in the ring; (0, 0) when none.</summary>
    public readonly (double Mean, double StdDev) Statistics()
    {
        var n = (int)Math.Min(Count, _ring?.Length ?? 0);
        if (n == 0)
        {
            return (0, 0);
        }

        var values = _ring.AsSpan(0, n);
        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / n;
        if (n == 1)
        {
            return (mean, 0);
        }

        double squares = 0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return (mean, Math.Sqrt(squares / (n - 1)));
    }
}
