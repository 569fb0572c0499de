namespace StreamEngine.Core.Metrics;

/// <summary>Builds bucket upper bounds for <see cref="Histogram"/>s.</summary>
public static class HistogramBuckets
{
    /// <summary><paramref name="count"/> bounds: start, start*factor, start*factor^2, ...</summary>
    public static double[] Exponential(double start, double factor, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(start);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var bounds = new double[count];
        double bound = start;
        for (int i = 0; i < count; i++)
        {
            bounds[i] = bound;
            bound *= factor;
        }

        return bounds;
    }

    /// <summary><paramref name="count"/> bounds: start, start+width, ... (each rounded to 12 significant digits so 0.1+0.2 prints as 0.3).</summary>
    public static double[] Linear(double start, double width, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var bounds = new double[count];
        for (int i = 0; i < count; i++)
        {
            bounds[i] = Math.Round(start + (i * width), 12);
        }

        return bounds;
    }

    internal static double[] Validate(double[] upperBounds)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        int length = upperBounds.Length > 0 && double.IsPositiveInfinity(upperBounds[^1]) ? upperBounds.Length - 1 : upperBounds.Length;
        if (length == 0)
        {
            throw new ArgumentException("A histogram needs at least one finite bucket bound.", nameof(upperBounds));
        }

        var bounds = upperBounds[..length];
        for (int i = 0; i < bounds.Length; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                throw new ArgumentException("Bucket bounds must be finite and strictly increasing.", nameof(upperBounds));
            }
        }

        return bounds;
    }
}
