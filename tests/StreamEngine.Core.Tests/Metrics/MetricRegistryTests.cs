using StreamEngine.Core.Metrics;

namespace StreamEngine.Core.Tests.Metrics;

public sealed class MetricRegistryTests
{
    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("app-name")]
    [InlineData("app name")]
    public void InvalidMetricName_IsRejected(string name) =>
        Assert.Throws<ArgumentException>(() => new MetricRegistry().CreateCounter(name, "x"));

    [Theory]
    [InlineData("__reserved")]
    [InlineData("a-b")]
    [InlineData("9x")]
    public void InvalidLabelName_IsRejected(string label) =>
        Assert.Throws<ArgumentException>(() => new MetricRegistry().CreateGaugeFamily("app_g", "g", [label]));

    [Fact]
    public void HistogramLabelLe_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new MetricRegistry().CreateHistogramFamily("app_h", "h", [1], ["le"]));

    [Fact]
    public void RepeatedLabelName_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new MetricRegistry().CreateGaugeFamily("app_g", "g", ["a", "a"]));

    [Fact]
    public void DuplicateMetricName_IsRejected()
    {
        var registry = new MetricRegistry();
        registry.CreateCounter("app_total", "x");
        Assert.Throws<InvalidOperationException>(() => registry.CreateGauge("app_total", "y"));
    }

    [Theory]
    [InlineData(new double[] { })]
    [InlineData(new double[] { 1, 1 })]
    [InlineData(new double[] { 2, 1 })]
    [InlineData(new double[] { double.NaN })]
    public void BadBucketBounds_AreRejected(double[] bounds) =>
        Assert.Throws<ArgumentException>(() => new MetricRegistry().CreateHistogram("app_h", "h", bounds));

    [Fact]
    public void ExplicitInfBucket_IsNotDuplicated()
    {
        var registry = new MetricRegistry();
        registry.CreateHistogram("app_h", "h", [1, double.PositiveInfinity]).Observe(5);
        Assert.Equal(["app_h_bucket{le=\"1\"} 0", "app_h_bucket{le=\"+Inf\"} 1", "app_h_sum 5", "app_h_count 1"], registry.Samples());
    }

    [Fact]
    public void WithLabels_ReturnsTheSameHandleForTheSameValues()
    {
        MetricFamily<Counter> family = new MetricRegistry().CreateCounterFamily("app_total", "x", ["topic", "reason"]);
        Assert.Same(family.WithLabels("a", "b"), family.WithLabels("a", "b"));
        Assert.NotSame(family.WithLabels("a", "b"), family.WithLabels("a", "c"));
        Assert.NotSame(family.WithLabels("a\0b", "c"), family.WithLabels("a", "b\0c"));
    }

    [Fact]
    public void WithLabels_WrongNumberOfValues_Throws()
    {
        MetricFamily<Counter> family = new MetricRegistry().CreateCounterFamily("app_total", "x", ["topic"]);
        Assert.Throws<ArgumentException>(() => family.WithLabels("a", "b"));
    }

    [Fact]
    public void SeriesBeyondTheCap_AreRefused()
    {
        MetricFamily<Gauge> family = new MetricRegistry().CreateGaugeFamily("app_g", "g", ["partition"], maxSeries: 2);
        family.WithLabels("0");
        family.WithLabels("1");
        family.WithLabels("1");
        Assert.Throws<InvalidOperationException>(() => family.WithLabels("2"));
    }

    [Fact]
    public void RemoveLabels_DropsTheSeriesFromTheExposition()
    {
        var registry = new MetricRegistry();
        MetricFamily<Gauge> lag = registry.CreateGaugeFamily("app_lag", "lag", ["partition"]);
        lag.WithLabels("0").Set(5);
        lag.WithLabels("1").Set(7);

        Assert.True(lag.RemoveLabels("0"));
        Assert.False(lag.RemoveLabels("0"));
        Assert.Equal(["app_lag{partition=\"1\"} 7"], registry.Samples());
    }

    [Fact]
    public void Counter_RefusesToDecrease()
    {
        Counter counter = new MetricRegistry().CreateCounter("app_total", "x");
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(-0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(double.NaN));
        counter.Add(0.25);
        counter.Inc(2);
        Assert.Equal(2.25, counter.Value);
    }

    [Fact]
    public void Gauge_SetIncDecAdd()
    {
        Gauge gauge = new MetricRegistry().CreateGauge("app_g", "g");
        gauge.Set(10);
        gauge.Inc();
        gauge.Dec();
        gauge.Dec();
        gauge.Add(-2.5);
        Assert.Equal(6.5, gauge.Value);
    }

    [Fact]
    public void BucketHelpers_ProduceTheExpectedBounds()
    {
        Assert.Equal([0.5, 1, 2, 4], HistogramBuckets.Exponential(0.5, 2, 4));
        Assert.Equal([0.1, 0.2, 0.3, 0.4], HistogramBuckets.Linear(0.1, 0.1, 4));
    }
}
