using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Metrics;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Host.Features;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Benchmarking;

/// <summary>
/// <c>streamengine bench --breakdown</c>: where the time of the in-memory path goes, by subtraction on one thread.
/// Decoding alone; the engine without features (decode, dedupe, watermark, dispatch); the engine with each feature
/// alone (its cost = the difference); all features; and the commit barrier (sink flush + Kafka acknowledgements)
/// timed on its own. Each configuration first runs on a warm-up slice so tiered compilation has settled.
/// </summary>
internal static class BreakdownBenchmark
{
    public static string Run(EngineOptions options, ConsumeResult<byte[], byte[]>[] records, string bootstrapServers)
    {
        var catalog = FeatureCatalog.Create(options);
        var warmUp = records.AsSpan(0, Math.Min(records.Length, 100_000)).ToArray();
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{"stage",-34} {"ns/event",10} {"B/event",9} {"GC pause ms",12} {"sink flush ns",15} {"kafka flush ns",16}");

        DecodeOnly(options, warmUp, bootstrapServers, new Probe());
        var decode = Measure(records, probe => DecodeOnly(options, records, bootstrapServers, probe));
        Append(text, "decode only", decode, null);

        var none = Engine(options, records, warmUp, bootstrapServers, new FeatureSet([]));
        Append(text, "engine, no features", none, null);
        foreach (var feature in catalog.Features)
        {
            var one = Engine(options, records, warmUp, bootstrapServers, new FeatureSet([feature]));
            Append(text, $"+ {feature.Name}", one, none);
        }

        var all = Engine(options, records, warmUp, bootstrapServers, catalog);
        Append(text, "all features", all, null);
        return text.ToString();
    }

    private static StageResult Engine(
        EngineOptions options, ConsumeResult<byte[], byte[]>[] records, ConsumeResult<byte[], byte[]>[] warmUp, string bootstrapServers, FeatureSet features)
    {
        RunEngine(options, warmUp, bootstrapServers, features, new Probe());
        (long Sink, long Kafka) barrier = default;
        var result = Measure(records, probe => barrier = RunEngine(options, records, bootstrapServers, features, probe));
        return result with { SinkFlushNs = PerEvent(barrier.Sink), KafkaFlushNs = PerEvent(barrier.Kafka) };

        double PerEvent(long ticks) => ticks * 1e9 / Stopwatch.Frequency / records.Length;
    }

    private static StageResult Measure(ConsumeResult<byte[], byte[]>[] records, Action<Probe> run)
    {
        GC.Collect();
        var probe = new Probe();
        run(probe);
        return new StageResult(
            Stopwatch.GetElapsedTime(probe.StartTicks, probe.EndTicks).TotalNanoseconds / records.Length,
            probe.AllocatedBytes / (double)records.Length,
            probe.GcPause.TotalMilliseconds,
            0,
            0);
    }

    // Returns the ticks spent in the commit barrier's sink flush and Kafka flush, both included in the total.
    private static (long Sink, long Kafka) RunEngine(
        EngineOptions options, ConsumeResult<byte[], byte[]>[] records, string bootstrapServers, FeatureSet features, Probe probe)
    {
        using var handler = new DiscardingHttpHandler();
        using var client = new ClickHouseClient(options.ClickHouse, new HttpClient(handler));
        var metrics = new EngineMetrics(new MetricRegistry());
        using var core = new EngineCore(options, client, bootstrapServers, BenchRecords.Topics, metrics, new SinkMetrics(metrics, NullLogger.Instance), NullLogger.Instance, TimeProvider.System, features);
        var tasks = new Dictionary<int, IPartitionTask>();
        long sink = 0, kafka = 0;
        probe.Start();
        foreach (var record in records)
        {
            if (!tasks.TryGetValue(record.Partition.Value, out var task))
            {
                task = core.Tasks.Create(record.Partition.Value);
                tasks.Add(record.Partition.Value, task);
            }

            task.Process(record);
            if ((record.Offset.Value & (BenchRecords.TickEvery - 1)) == 0)
            {
                task.OnTick();
            }

            if (core.Barrier.FlushDue)
            {
                (sink, kafka) = Flush(core, sink, kafka);
            }
        }

        foreach (var task in tasks.Values)
        {
            task.Drain();
        }

        (sink, kafka) = Flush(core, sink, kafka);
        probe.Stop();
        foreach (var task in tasks.Values)
        {
            task.Dispose();
        }

        return (sink, kafka);
    }

    // The commit barrier's two halves, in OutputBarrier's order, timed apart.
    private static (long Sink, long Kafka) Flush(EngineCore core, long sink, long kafka)
    {
        var started = Stopwatch.GetTimestamp();
        core.Sink.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
        var flushed = Stopwatch.GetTimestamp();
        core.Output.Flush(CancellationToken.None);
        return (sink + flushed - started, kafka + Stopwatch.GetTimestamp() - flushed);
    }

    private static void DecodeOnly(EngineOptions options, ConsumeResult<byte[], byte[]>[] records, string bootstrapServers, Probe probe)
    {
        using var handler = new DiscardingHttpHandler();
        using var client = new ClickHouseClient(options.ClickHouse, new HttpClient(handler));
        var metrics = new EngineMetrics(new MetricRegistry());
        using var core = new EngineCore(options, client, bootstrapServers, BenchRecords.Topics, metrics, new SinkMetrics(metrics, NullLogger.Instance), NullLogger.Instance, TimeProvider.System, new FeatureSet([]));
        var context = core.Tasks;
        probe.Start();
        foreach (var record in records)
        {
            var bytes = record.Message.Value;
            var referenceMs = record.Message.Timestamp.UnixTimestampMs;
            _ = context.InputTopicOf(record.Topic) switch
            {
                InputTopic.Clickstream => context.ClickDecoder.TryDecode(bytes, referenceMs, out _),
                InputTopic.Transactions => context.PaymentDecoder.TryDecode(bytes, referenceMs, out _),
                _ => context.InventoryDecoder.TryDecode(bytes, referenceMs, out _),
            };
        }

        probe.Stop();
    }

    private static void Append(StringBuilder text, string stage, StageResult result, StageResult? baseline)
    {
        var c = CultureInfo.InvariantCulture;
        var ns = baseline is null ? result.NsPerEvent : result.NsPerEvent - baseline.NsPerEvent;
        var bytes = baseline is null ? result.BytesPerEvent : result.BytesPerEvent - baseline.BytesPerEvent;
        text.AppendLine(c, $"{stage,-34} {ns,10:0} {bytes,9:0} {result.GcPauseMs,12:0} {result.SinkFlushNs,15:0} {result.KafkaFlushNs,16:0}");
    }

    /// <summary>Brackets the measured loop: engine construction and disposal (a producer takes ~1 s to close) stay outside.</summary>
    private sealed class Probe
    {
        private long _allocated;
        private TimeSpan _pause;

        public long StartTicks { get; private set; }

        public long EndTicks { get; private set; }

        public long AllocatedBytes { get; private set; }

        public TimeSpan GcPause { get; private set; }

        public void Start()
        {
            _pause = GC.GetTotalPauseDuration();
            _allocated = GC.GetAllocatedBytesForCurrentThread();
            StartTicks = Stopwatch.GetTimestamp();
        }

        public void Stop()
        {
            EndTicks = Stopwatch.GetTimestamp();
            AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - _allocated;
            GcPause = GC.GetTotalPauseDuration() - _pause;
        }
    }

    private sealed record StageResult(double NsPerEvent, double BytesPerEvent, double GcPauseMs, double SinkFlushNs, double KafkaFlushNs);
}
