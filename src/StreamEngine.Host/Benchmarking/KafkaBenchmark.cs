using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Benchmarking;

/// <summary>
/// The engine on real components: simulated records through the mock Kafka cluster into the engine and the real
/// ClickHouse server, compared with a bare consumer that only counts the same records from the same kind of cluster.
/// </summary>
internal static class KafkaBenchmark
{
    public static async Task<(BenchResult Engine, double BareConsumerEventsPerSecond)> RunAsync(
        EngineOptions options, SimulatorOptions simulation, CancellationToken cancellationToken)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        TimeSpan elapsed;
        long consumed;
        using (var mock = new MockKafkaCluster(options.Kafka.MockBrokers))
        {
            mock.EnsureTopics(options.Kafka.InputTopics);
            await using var host = await EngineHost.StartAsync(options, mock.BootstrapServers, NullLoggerFactory.Instance, cancellationToken);
            var clock = Stopwatch.StartNew();
            await SimulatedRun.ExecuteAsync(host, new StorefrontSimulator(simulation), mock.BootstrapServers, progress: null, cancellationToken);
            elapsed = clock.Elapsed;
            consumed = host.Source.RecordsConsumed;
        }

        var engine = new BenchResult(
            "mock Kafka + ClickHouse",
            "simulator producing while the engine consumes (bounded by the mock's 5 MB per partition), decoding, every pipeline, inserts into the real ClickHouse, offset commits; allocations and GC are process-wide (producer and simulator included)",
            consumed,
            1,
            elapsed,
            0,
            0,
            0,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)consumed,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            Process.GetCurrentProcess().PeakWorkingSet64);
        return (engine, await BareConsumerAsync(options, simulation, cancellationToken));
    }

    /// <summary>The yardstick: the same records, produced the same way, read by a consumer that does nothing with them.</summary>
    private static async Task<double> BareConsumerAsync(EngineOptions options, SimulatorOptions simulation, CancellationToken cancellationToken)
    {
        using var mock = new MockKafkaCluster(options.Kafka.MockBrokers);
        mock.EnsureTopics(options.Kafka.InputTopics);
        var config = options.Kafka.BuildConsumerConfig(mock.BootstrapServers);
        config.GroupId = $"bare-{Guid.NewGuid():N}";
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(options.Kafka.InputTopics);
        long count = 0;
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        var producing = Task.Run(
            () =>
            {
                using var producer = new RecordProducer(options.Kafka.BuildProducerConfig(mock.BootstrapServers));
                return producer.Produce(
                    SimulationSource.Records(new StorefrontSimulator(simulation)),
                    0,
                    () => new ConsumerProgress(Interlocked.Read(ref count), Interlocked.Read(ref bytes)),
                    SimulatedRun.MaxRecordsAhead,
                    SimulatedRun.MaxBytesAhead,
                    null,
                    cancellationToken);
            },
            cancellationToken);
        while (!(producing.IsCompleted && Interlocked.Read(ref count) >= simulation.EventCount))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } record)
            {
                Interlocked.Add(ref bytes, record.Message.Key.Length + record.Message.Value.Length);
                Interlocked.Increment(ref count);
            }
            else if (producing.IsFaulted)
            {
                await producing;
            }
        }

        consumer.Close();
        return count / clock.Elapsed.TotalSeconds;
    }
}
