using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Benchmarking;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Host.Features;
using StreamEngine.Kafka;

namespace StreamEngine.Benchmarks;

/// <summary>
/// The engine's per-event path on one thread, per event of a realistic simulated mix (clickstream, transactions,
/// inventory): <see cref="Decode"/> alone, then <see cref="Process"/> = decode, dedupe, watermark and the chosen
/// features' pipelines down to RowBinary rows, with the commit barrier (sink flush to a discarding handler, Kafka
/// acknowledgements from the mock cluster) when it is due. Excluded: generating the records (GlobalSetup) and building a
/// fresh engine per iteration (IterationSetup: replaying the same records into a used engine would only find duplicates).
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private const int Events = 200_000;
    private ConsumeResult<byte[], byte[]>[] _records = [];
    private EngineOptions _options = null!;
    private MockKafkaCluster _mock = null!;
    private Engine? _engine;

    [Params("none", "all")]
    public string Features { get; set; } = "all";

    [GlobalSetup]
    public void Setup()
    {
        _options = EngineOptions.Load(new ConfigurationBuilder().AddInMemoryCollection([new("StreamEngine:Http:Url", "")]).Build());
        _options.EventTime.IdleTimeout = BenchRecords.IdleTimeout;
        var simulation = new SimulatorOptions { EventCount = Events, Seed = 42 };
        simulation.Topics.Clickstream = _options.Kafka.ClickstreamTopic;
        simulation.Topics.Transactions = _options.Kafka.TransactionsTopic;
        simulation.Topics.Inventory = _options.Kafka.InventoryTopic;
        _records = BenchRecords.Create(simulation, MockKafkaCluster.PartitionsPerTopic);
        _mock = new MockKafkaCluster(_options.Kafka.MockBrokers);
    }

    [GlobalCleanup]
    public void Cleanup() => _mock.Dispose();

    [IterationSetup]
    public void NewEngine() =>
        _engine = new Engine(_options, _mock.BootstrapServers, Features == "all" ? FeatureCatalog.Create(_options) : new FeatureSet([]));

    [IterationCleanup]
    public void DisposeEngine() => _engine?.Dispose();

    [Benchmark(OperationsPerInvoke = Events)]
    public int Decode()
    {
        var context = _engine!.Core.Tasks;
        var ok = 0;
        foreach (var record in _records)
        {
            var bytes = record.Message.Value;
            var referenceMs = record.Message.Timestamp.UnixTimestampMs;
            var result = context.InputTopicOf(record.Topic) switch
            {
                InputTopic.Clickstream => context.ClickDecoder.TryDecode(bytes, referenceMs, out _),
                InputTopic.Transactions => context.PaymentDecoder.TryDecode(bytes, referenceMs, out _),
                _ => context.InventoryDecoder.TryDecode(bytes, referenceMs, out _),
            };
            ok += result.IsOk ? 1 : 0;
        }

        return ok;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public void Process() => _engine!.Run(_records);

    /// <summary>An engine core over a discarding ClickHouse handler and the mock cluster, with its partition tasks.</summary>
    private sealed class Engine : IDisposable
    {
        private readonly HttpClient _http;
        private readonly Dictionary<int, IPartitionTask> _tasks = [];

        public Engine(EngineOptions options, string bootstrapServers, FeatureSet features)
        {
            _http = new HttpClient(new DiscardingHttpHandler());
            var metrics = new EngineMetrics(new MetricRegistry());
            Core = new EngineCore(
                options, new ClickHouseClient(options.ClickHouse, _http), bootstrapServers, BenchRecords.Topics, metrics, new SinkMetrics(metrics, NullLogger.Instance), NullLogger.Instance, TimeProvider.System, features);
        }

        public EngineCore Core { get; }

        public void Run(ConsumeResult<byte[], byte[]>[] records)
        {
            foreach (var record in records)
            {
                if (!_tasks.TryGetValue(record.Partition.Value, out var task))
                {
                    task = Core.Tasks.Create(record.Partition.Value);
                    _tasks.Add(record.Partition.Value, task);
                }

                task.Process(record);
                if ((record.Offset.Value & (BenchRecords.TickEvery - 1)) == 0)
                {
                    task.OnTick();
                }

                if (Core.Barrier.FlushDue)
                {
                    Core.Barrier.Flush(CancellationToken.None);
                }
            }
        }

        public void Dispose()
        {
            foreach (var task in _tasks.Values)
            {
                task.Dispose();
            }

            Core.Dispose();
            _http.Dispose();
        }
    }
}
