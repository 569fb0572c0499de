using System.Buffers;
using StreamEngine.Core.Metrics;

namespace StreamEngine.Core.Tests.Metrics;

public sealed class MetricAllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void HotPathUpdates_AllocateNothing()
    {
        var registry = new MetricRegistry();
        Counter counter = registry.CreateCounter("app_total", "x");
        Counter child = registry.CreateCounterFamily("app_labelled_total", "x", ["topic"]).WithLabels("clickstream");
        Gauge gauge = registry.CreateGaugeFamily("app_g", "g", ["pipeline"]).WithLabels("fraud");
        Histogram small = registry.CreateHistogram("app_h", "h", HistogramBuckets.Exponential(0.0005, 2, 16));
        Histogram large = registry.CreateHistogram("app_h2", "h", HistogramBuckets.Exponential(0.0005, 2, 40));
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        Run(); // JIT and tiering warm-up outside the measurement

        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);

        void Run()
        {
            for (int i = 0; i < Iterations; i++)
            {
                counter.Inc();
                child.Inc(2);
                counter.Add(0.5);
                gauge.Set(i);
                gauge.Inc();
                small.Observe(i * 0.0001);
                large.Observe(i * 0.01);
                small.ObserveElapsed(start);
            }
        }
    }

    [Fact]
    public void RepeatedScrapeIntoAReusedBuffer_AllocatesNothing()
    {
        var registry = new MetricRegistry();
        MetricFamily<Counter> consumed = registry.CreateCounterFamily("app_total", "x", ["topic"]);
        consumed.WithLabels("a").Inc(3);
        consumed.WithLabels("b").Inc(1);
        registry.CreateGauge("app_g", "g").Set(0.125);
        registry.CreateHistogram("app_h", "h", [0.1, 1, 10]).Observe(0.3);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        registry.WriteTo(buffer);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            registry.WriteTo(buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
