using System.Buffers;
using System.Text;

namespace StreamEngine.Core.Metrics;

/// <summary>
/// One series of a family with its label values resolved: the handle the hot path keeps and updates without lookups.
/// Updates are lock-free and may come from any thread; the scrape thread reads concurrently.
/// </summary>
public abstract class MetricChild
{
    private protected MetricChild(string name, IReadOnlyList<string> labelNames, IReadOnlyList<string> labelValues)
    {
        LabelValues = [.. labelValues];
        SamplePrefix = Encoding.UTF8.GetBytes(name + ExpositionText.LabelText(labelNames, labelValues) + " ");
    }

    /// <summary>The label values of this series, in the order of the family's label names.</summary>
    public IReadOnlyList<string> LabelValues { get; }

    /// <summary><c>name{labels} </c> encoded once so a scrape only formats numbers.</summary>
    private protected byte[] SamplePrefix { get; }

    internal abstract void WriteSamples(IBufferWriter<byte> output);

    private protected static void AtomicAdd(ref double target, double value)
    {
        double current = Volatile.Read(ref target);
        while (true)
        {
            double seen = Interlocked.CompareExchange(ref target, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    private protected void WriteLine(IBufferWriter<byte> output, double value)
    {
        output.Write(SamplePrefix);
        ExpositionText.WriteDouble(output, value);
        output.Write("\n"u8);
    }
}
