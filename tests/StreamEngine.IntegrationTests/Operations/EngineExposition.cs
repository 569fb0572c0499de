using System.Buffers;
using System.Text;
using StreamEngine.Core.Metrics;

namespace StreamEngine.IntegrationTests.Operations;

/// <summary>A registry with every EngineMetrics family holding at least one series with realistic values.</summary>
internal static class EngineExposition
{
    private static readonly Dictionary<string, string> SampleLabelValues = new()
    {
        ["topic"] = "clickstream",
        ["partition"] = "0",
        ["pipeline"] = "fraud",
        ["reason"] = "MalformedJson",
        ["table"] = "fraud_decisions",
        ["decision"] = "decline",
        ["warehouse"] = "berlin",
        ["generation"] = "0",
        ["metric"] = "traffic",
        ["outcome"] = "corrupt",
    };

    public static EngineMetrics CreatePopulated()
    {
        var metrics = new EngineMetrics(new MetricRegistry());
        metrics.WatermarkFor("fraud").Set(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5);
        foreach (MetricFamily family in metrics.Registry.Families)
        {
            string[] values = family.LabelNames.Select(l => SampleLabelValues[l]).ToArray();
            switch (family)
            {
                case MetricFamily<Counter> counters:
                    counters.WithLabels(values).Inc(3);
                    break;
                case MetricFamily<Gauge> gauges when gauges.Series.Count == 0:
                    gauges.WithLabels(values).Set(7);
                    break;
                case MetricFamily<Histogram> histograms:
                    Histogram histogram = histograms.WithLabels(values);
                    histogram.Observe(0.003);
                    histogram.Observe(0.7);
                    break;
            }
        }

        return metrics;
    }

    public static string Scrape(MetricRegistry registry)
    {
        var buffer = new ArrayBufferWriter<byte>();
        registry.WriteTo(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
