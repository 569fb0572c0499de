using System.Buffers;
using BenchmarkDotNet.Attributes;
using StreamEngine.Core.Metrics;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Hot-path metric updates as the consume thread does them: handles are resolved in setup (excluded), each benchmark
/// performs <see cref="Operations"/> updates. Expect 0 B allocated for every update benchmark. The scrape benchmark
/// writes the full EngineMetrics exposition into a reused buffer.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private const int Operations = 1000;
    private Counter _counter = null!;
    private Counter _child = null!;
    private Gauge _gauge = null!;
    private Histogram _histogram = null!;
    private MetricRegistry _registry = null!;
    private ArrayBufferWriter<byte> _buffer = null!;

    [Params(16, 40)]
    public int Buckets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _registry = new MetricRegistry();
        var metrics = new EngineMetrics(_registry);
        _counter = metrics.Commits;
        _child = metrics.EventsConsumed.WithLabels("clickstream");
        _gauge = metrics.ConsumerLag.WithLabels("clickstream", "0");
        _histogram = _registry.CreateHistogram("bench_latency_seconds", "bench", HistogramBuckets.Exponential(0.0005, 1.5, Buckets));
        metrics.ProcessingLatency.WithLabels("fraud").Observe(0.01);
        _buffer = new ArrayBufferWriter<byte>(64 * 1024);
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void CounterInc()
    {
        for (int i = 0; i < Operations; i++)
        {
            _counter.Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void LabelledChildInc()
    {
        for (int i = 0; i < Operations; i++)
        {
            _child.Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void GaugeSet()
    {
        for (int i = 0; i < Operations; i++)
        {
            _gauge.Set(i);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void HistogramObserve()
    {
        for (int i = 0; i < Operations; i++)
        {
            _histogram.Observe(i * 0.001);
        }
    }

    [Benchmark]
    public int ScrapeEngineMetrics()
    {
        _buffer.ResetWrittenCount();
        _registry.WriteTo(_buffer);
        return _buffer.WrittenCount;
    }
}
