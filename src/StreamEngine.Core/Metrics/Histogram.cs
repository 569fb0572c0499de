using System.Buffers;
using System.Diagnostics;
using System.Text;

namespace StreamEngine.Core.Metrics;

/// <summary>
/// Counts observations into fixed buckets; <see cref="Observe"/> is a bucket search, one interlocked increment and one
/// compare-and-swap on the sum, no allocation. The scrape derives <c>_count</c> and the cumulative buckets from the same
/// per-bucket counts, so <c>le="+Inf"</c> always equals <c>_count</c>.
/// </summary>
public sealed class Histogram : MetricChild
{
    private const int LinearSearchLimit = 16;
    private readonly double[] _upperBounds;
    private readonly long[] _counts;
    private readonly byte[][] _bucketPrefixes;
    private readonly byte[] _sumPrefix;
    private readonly byte[] _countPrefix;
    private double _sum;

    internal Histogram(string name, IReadOnlyList<string> labelNames, IReadOnlyList<string> labelValues, double[] upperBounds)
        : base(name, labelNames, labelValues)
    {
        _upperBounds = upperBounds;
        _counts = new long[upperBounds.Length + 1];
        _bucketPrefixes = new byte[upperBounds.Length + 1][];
        for (int i = 0; i <= upperBounds.Length; i++)
        {
            string le = i < upperBounds.Length ? ExpositionText.FormatDouble(upperBounds[i]) : "+Inf";
            _bucketPrefixes[i] = Encoding.UTF8.GetBytes(name + "_bucket" + ExpositionText.LabelText(labelNames, labelValues, "le", le) + " ");
        }

        string labels = ExpositionText.LabelText(labelNames, labelValues);
        _sumPrefix = Encoding.UTF8.GetBytes(name + "_sum" + labels + " ");
        _countPrefix = Encoding.UTF8.GetBytes(name + "_count" + labels + " ");
    }

    /// <summary>The bucket upper bounds (inclusive), without +Inf.</summary>
    public IReadOnlyList<double> UpperBounds => _upperBounds;

    /// <summary>The number of observations so far.</summary>
    public long Count
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                total += Volatile.Read(ref _counts[i]);
            }

            return total;
        }
    }

    /// <summary>The sum of all observations.</summary>
    public double Sum => Volatile.Read(ref _sum);

    /// <summary>Records one observation.</summary>
    public void Observe(double value)
    {
        Interlocked.Increment(ref _counts[BucketIndex(value)]);
        AtomicAdd(ref _sum, value);
    }

    /// <summary>Records the seconds elapsed since a <see cref="Stopwatch.GetTimestamp"/> value.</summary>
    public void ObserveElapsed(long startTimestamp) => Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);

    internal override void WriteSamples(IBufferWriter<byte> output)
    {
        long cumulative = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            cumulative += Volatile.Read(ref _counts[i]);
            output.Write(_bucketPrefixes[i]);
            ExpositionText.WriteLong(output, cumulative);
            output.Write("\n"u8);
        }

        output.Write(_sumPrefix);
        ExpositionText.WriteDouble(output, Sum);
        output.Write("\n"u8);
        output.Write(_countPrefix);
        ExpositionText.WriteLong(output, cumulative);
        output.Write("\n"u8);
    }

    private int BucketIndex(double value)
    {
        double[] bounds = _upperBounds;
        if (bounds.Length <= LinearSearchLimit)
        {
            // A short linear scan beats binary search for the usual 10-16 buckets (fewer unpredictable branches).
            for (int i = 0; i < bounds.Length; i++)
            {
                if (value <= bounds[i])
                {
                    return i;
                }
            }

            return bounds.Length;
        }

        int index = Array.BinarySearch(bounds, value);
        return index >= 0 ? index : ~index;
    }
}
