using System.Buffers;
using System.Text;

namespace StreamEngine.Core.Metrics;

/// <summary>A named metric with its help text, type and label names; its series are <see cref="MetricChild"/>ren.</summary>
public abstract class MetricFamily
{
    private readonly byte[] _header;

    private protected MetricFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames)
    {
        Name = name;
        Help = help;
        Type = type;
        LabelNames = [.. labelNames];
        string typeText = type switch
        {
            MetricType.Counter => "counter",
            MetricType.Gauge => "gauge",
            _ => "histogram",
        };
        _header = Encoding.UTF8.GetBytes($"# HELP {name} {ExpositionText.EscapeHelp(help)}\n# TYPE {name} {typeText}\n");
    }

    /// <summary>The metric name, e.g. <c>streamengine_kafka_events_consumed_total</c>.</summary>
    public string Name { get; }

    /// <summary>The help text.</summary>
    public string Help { get; }

    /// <summary>The Prometheus type.</summary>
    public MetricType Type { get; }

    /// <summary>The label names, in order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>The series created so far (a snapshot; safe to read while others are added).</summary>
    public abstract IReadOnlyList<MetricChild> Series { get; }

    internal void WriteTo(IBufferWriter<byte> output)
    {
        IReadOnlyList<MetricChild> series = Series;
        if (series.Count == 0)
        {
            return;
        }

        output.Write(_header);
        for (int i = 0; i < series.Count; i++)
        {
            series[i].WriteSamples(output);
        }
    }
}
