using System.Globalization;
using StreamEngine.Core.Metrics;

namespace StreamEngine.Core.Tests.Metrics;

public sealed class ExpositionFormatTests
{
    [Fact]
    public void Counter_IsWrittenWithHelpTypeAndValue()
    {
        var registry = new MetricRegistry();
        Counter counter = registry.CreateCounter("app_requests_total", "Requests served.");
        counter.Inc();
        counter.Inc(41);

        Assert.Equal("# HELP app_requests_total Requests served.\n# TYPE app_requests_total counter\napp_requests_total 42\n", registry.Scrape());
    }

    [Fact]
    public void HelpText_EscapesBackslashAndLineFeed()
    {
        var registry = new MetricRegistry();
        registry.CreateGauge("app_g", "a \\ b\nc \"quoted\"").Set(1);

        Assert.StartsWith("# HELP app_g a \\\\ b\\nc \"quoted\"\n", registry.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void LabelValues_EscapeBackslashQuoteAndLineFeed()
    {
        var registry = new MetricRegistry();
        registry.CreateCounterFamily("app_c_total", "c", ["path", "kind"]).WithLabels("C:\\tmp", "say \"hi\"\nnow").Inc();

        Assert.Contains("app_c_total{path=\"C:\\\\tmp\",kind=\"say \\\"hi\\\"\\nnow\"} 1\n", registry.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_WritesCumulativeBucketsInfSumAndCount()
    {
        var registry = new MetricRegistry();
        Histogram histogram = registry.CreateHistogramFamily("app_latency_seconds", "Latency.", [0.1, 1, 10], ["stage"]).WithLabels("parse");
        foreach (double value in new[] { 0.05, 0.1, 0.5, 2, 20, 30 })
        {
            histogram.Observe(value);
        }

        string[] expected =
        [
            "app_latency_seconds_bucket{stage=\"parse\",le=\"0.1\"} 2",
            "app_latency_seconds_bucket{stage=\"parse\",le=\"1\"} 3",
            "app_latency_seconds_bucket{stage=\"parse\",le=\"10\"} 4",
            "app_latency_seconds_bucket{stage=\"parse\",le=\"+Inf\"} 6",
            "app_latency_seconds_sum{stage=\"parse\"} 52.65",
            "app_latency_seconds_count{stage=\"parse\"} 6",
        ];
        Assert.Equal(expected, registry.Samples());
        Assert.Contains("# TYPE app_latency_seconds histogram\n", registry.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_MatchesBruteForceCountsForRandomObservations()
    {
        var random = new Random(7);
        double[] bounds = HistogramBuckets.Exponential(0.001, 2, 20); // > 16 bounds: exercises the binary search
        var registry = new MetricRegistry();
        Histogram histogram = registry.CreateHistogram("app_h", "h", bounds);
        double[] values = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() * 2000).Concat(bounds).ToArray();
        foreach (double value in values)
        {
            histogram.Observe(value);
        }

        string[] samples = registry.Samples();
        for (int i = 0; i < bounds.Length; i++)
        {
            long expected = values.Count(v => v <= bounds[i]);
            Assert.Equal($"app_h_bucket{{le=\"{bounds[i].ToString("R", CultureInfo.InvariantCulture)}\"}} {expected}", samples[i]);
        }

        Assert.Equal($"app_h_bucket{{le=\"+Inf\"}} {values.Length}", samples[bounds.Length]);
        Assert.Equal($"app_h_count {values.Length}", samples[^1]);
        Assert.Equal(values.Sum(), histogram.Sum, 6);
    }

    [Fact]
    public void Gauge_WritesInfinitiesNaNAndFractions()
    {
        var registry = new MetricRegistry();
        MetricFamily<Gauge> family = registry.CreateGaugeFamily("app_g", "g", ["k"]);
        family.WithLabels("pinf").Set(double.PositiveInfinity);
        family.WithLabels("ninf").Set(double.NegativeInfinity);
        family.WithLabels("nan").Set(double.NaN);
        family.WithLabels("frac").Set(-0.25);
        family.WithLabels("big").Set(1e21);

        Assert.Equal(
            ["app_g{k=\"pinf\"} +Inf", "app_g{k=\"ninf\"} -Inf", "app_g{k=\"nan\"} NaN", "app_g{k=\"frac\"} -0.25", "app_g{k=\"big\"} 1E+21"],
            registry.Samples());
    }

    [Fact]
    public void FamiliesWithoutSeries_AreLeftOut_AndOrderIsRegistrationOrder()
    {
        var registry = new MetricRegistry();
        registry.CreateCounterFamily("app_empty_total", "no series yet", ["topic"]);
        registry.CreateGauge("app_b", "b").Set(2);
        registry.CreateGauge("app_a", "a").Set(1);

        string text = registry.Scrape();
        Assert.DoesNotContain("app_empty_total", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("app_b", StringComparison.Ordinal) < text.IndexOf("app_a", StringComparison.Ordinal));
    }

    [Fact]
    public void CallbackSeries_AreReadAtScrapeTime()
    {
        var registry = new MetricRegistry();
        double source = 1;
        registry.CreateGauge("app_cb", "cb", () => source);
        registry.CreateCounter("app_cb_total", "cb", () => source * 10);
        source = 3;

        Assert.Equal(["app_cb 3", "app_cb_total 30"], registry.Samples());
    }

    [Fact]
    public async Task WriteToAsync_WritesTheSameBytesAsWriteTo_AcrossRepeatedScrapes()
    {
        var registry = new MetricRegistry();
        registry.CreateCounter("app_x_total", "x").Inc(5);
        for (int i = 0; i < 2; i++)
        {
            using var stream = new MemoryStream();
            await registry.WriteToAsync(stream, CancellationToken.None);
            Assert.Equal(registry.Scrape(), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
    }
}
