using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Metrics;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Benchmarking;

/// <summary>
/// Pushes pre-serialised records from memory through the engine's partition tasks: decoding, every feature's
/// pipelines, row encoding and sink flushes (to a discarding HTTP handler), and Kafka outputs (to the mock cluster).
/// With several threads each owns a disjoint set of partitions and its own engine core, as instances would.
/// </summary>
internal static class InMemoryBenchmark
{
    public static BenchResult Run(EngineOptions options, ConsumeResult<byte[], byte[]>[] records, int threads, string bootstrapServers)
    {
        // Warm-up on a throw-away core so the measured run starts with tiered compilation settled.
        RunThread(options, records.AsSpan(0, Math.Min(records.Length, 100_000)).ToArray(), bootstrapServers, measure: false);

        var slices = Enumerable.Range(0, threads)
            .Select(t => records.Where(r => r.Partition.Value % threads == t).ToArray())
            .ToArray();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var results = new ThreadResult[threads];
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            results[t] = RunThread(options, slices[t], bootstrapServers, measure: true);
        })
        {
            Name = $"bench-{t}",
        }).ToList();
        workers.ForEach(w => w.Start());
        start.SignalAndWait();
        workers.ForEach(w => w.Join());

        // From the first record to the last flush; building and disposing the engine (a Kafka producer takes ~1 s to
        // close) are outside the measurement.
        var elapsed = Stopwatch.GetElapsedTime(results.Min(r => r.StartTicks), results.Max(r => r.EndTicks));

        var latencies = results.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        var payments = results.SelectMany(r => r.PaymentLatencies).ToArray();
        Array.Sort(payments);
        return new BenchResult(
            threads == 1 ? "in-memory" : $"in-memory, {threads} threads",
            "decode + dedupe + watermark + every feature pipeline + RowBinary encoding + sink flush to a discarding HTTP handler + Kafka outputs to the mock cluster",
            records.Length,
            threads,
            elapsed,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            Percentile(latencies, 0.999),
            results.Sum(r => (double)r.AllocatedBytes) / records.Length,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            Process.GetCurrentProcess().PeakWorkingSet64)
        {
            Barrier = Stopwatch.GetElapsedTime(0, results.Sum(r => r.BarrierTicks)),
            PaymentLatencyUs = (Percentile(payments, 0.50), Percentile(payments, 0.99), Percentile(payments, 0.999)),
            SecondHalfBytesPerEvent = results.Sum(r => (double)r.SecondHalfAllocatedBytes) / results.Sum(r => r.SecondHalfRecords),
        };
    }

    private static ThreadResult RunThread(EngineOptions options, ConsumeResult<byte[], byte[]>[] records, string bootstrapServers, bool measure)
    {
        using var handler = new DiscardingHttpHandler();
        using var client = new ClickHouseClient(options.ClickHouse, new HttpClient(handler));
        var metrics = new EngineMetrics(new MetricRegistry());
        using var core = new EngineCore(options, client, bootstrapServers, BenchRecords.Topics, metrics, new SinkMetrics(metrics, NullLogger.Instance), NullLogger.Instance, TimeProvider.System);
        var tasks = new Dictionary<int, IPartitionTask>();
        var latencies = measure ? new long[records.Length] : [];
        var paymentLatencies = new List<long>();
        var allocatedAtHalf = 0L;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var startTicks = Stopwatch.GetTimestamp();
        long barrierTicks = 0;
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            if (!tasks.TryGetValue(record.Partition.Value, out var task))
            {
                task = core.Tasks.Create(record.Partition.Value);
                tasks.Add(record.Partition.Value, task);
            }

            if (i == records.Length / 2)
            {
                allocatedAtHalf = GC.GetAllocatedBytesForCurrentThread();
            }

            var started = Stopwatch.GetTimestamp();
            task.Process(record);
            var processed = Stopwatch.GetTimestamp();
            if ((i & (BenchRecords.TickEvery - 1)) == 0)
            {
                task.OnTick();
            }

            if (core.Barrier.FlushDue)
            {
                var flushStarted = Stopwatch.GetTimestamp();
                core.Barrier.Flush(CancellationToken.None);
                barrierTicks += Stopwatch.GetTimestamp() - flushStarted;
            }

            if (measure)
            {
                latencies[i] = Stopwatch.GetTimestamp() - started;
                if (record.Topic == options.Kafka.TransactionsTopic)
                {
                    // A payment's score is handed to the producer within Process, before any barrier flush.
                    paymentLatencies.Add(processed - started);
                }
            }
        }

        foreach (var task in tasks.Values)
        {
            task.Drain();
        }

        var lastFlush = Stopwatch.GetTimestamp();
        core.Barrier.Flush(CancellationToken.None);
        barrierTicks += Stopwatch.GetTimestamp() - lastFlush;
        var endTicks = Stopwatch.GetTimestamp();
        var allocatedAtEnd = GC.GetAllocatedBytesForCurrentThread();
        foreach (var task in tasks.Values)
        {
            task.Dispose();
        }

        return new ThreadResult(
            latencies, [.. paymentLatencies], allocatedAtEnd - allocatedBefore, allocatedAtEnd - allocatedAtHalf, records.Length - (records.Length / 2),
            startTicks, endTicks, barrierTicks);
    }

    private static double Percentile(long[] sortedTicks, double quantile) =>
        sortedTicks.Length == 0 ? 0 : sortedTicks[(int)Math.Min(sortedTicks.Length - 1, quantile * sortedTicks.Length)] * 1e6 / Stopwatch.Frequency;

    private sealed record ThreadResult(
        long[] Latencies, long[] PaymentLatencies, long AllocatedBytes, long SecondHalfAllocatedBytes, long SecondHalfRecords, long StartTicks, long EndTicks, long BarrierTicks);
}
