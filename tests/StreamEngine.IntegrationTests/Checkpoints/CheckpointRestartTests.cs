using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Core.Features;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Checkpoints;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Host.Features;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.IntegrationTests.Faults;
using StreamEngine.IntegrationTests.Support;
using StreamEngine.Kafka;
using SimulatedRecord = (string Topic, byte[] Key, byte[] Value, long TimestampMs);

namespace StreamEngine.IntegrationTests.Checkpoints;

/// <summary>
/// Mock Kafka, the real ClickHouse and the real engine with a counting checkpointed state next to the product windows
/// (which hold the clickstream commits far below the checkpoint, so a restart replays records the state already holds):
/// the engine is stopped mid-run and started again, and the state ends with exactly one fold per input record.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class CheckpointRestartTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    private const int Partitions = MockKafkaCluster.PartitionsPerTopic;
    private readonly string _group = $"it-{Guid.NewGuid():N}";

    [Fact]
    public async Task StoppedMidRunAndRestarted_StateIsRestored_NoRecordFoldedTwiceOrMissed_AndProductActivityIsExact()
    {
        var options = EngineSettings(checkpointInterval: "00:00:00.200");
        using var mock = new MockKafkaCluster(brokers: 3);
        var (records, clicks, truth) = Simulate(options, seed: 31);

        // The first run sees only the first half of the input, so it is stopped mid-run however fast it is: waiting for
        // every partition to have begun could otherwise let it consume everything before the stop (librdkafka delivers
        // the topics unevenly). The second half is produced while it is down.
        var half = records.Count / 2;
        Produce(options, mock, records[..half]);
        var first = await RunUntilStoppedAsync(options, mock.BootstrapServers, half / 2, sampleCommits: true);
        var committed = GroupOffsets.Committed(options.Kafka, mock.BootstrapServers, Partitions);
        var positions = await CheckpointPositionsAsync();
        Assert.All(committed, c => Assert.True(c.Offset <= positions[c.Partition][TopicIndex(options, c.Topic)], $"{c} passed its checkpoint"));
        Assert.Contains(committed, c => c.Offset < positions[c.Partition][TopicIndex(options, c.Topic)]);

        Produce(options, mock, records[half..]);
        var second = await RunToEndAsync(options, mock.BootstrapServers);

        Assert.Equal(Partitions, second.Restores("restored"));
        Assert.True(first.Consumed + second.Consumed > records.Count, "the second run replayed records the checkpoint already held");
        Assert.Equal(clicks, second.Counter.Count);
        Assert.Equal(0, second.Counter.Refolded);
        await ProductActivityTruth.AssertEqualsGroundTruthAsync(Client, Database, truth);
    }

    [Fact]
    public async Task CorruptCheckpoint_TaskReplaysFromTheStart_AndTheCountIsStillExact()
    {
        var options = EngineSettings(checkpointInterval: "00:00:00.200");
        using var mock = new MockKafkaCluster(brokers: 3);
        var (records, clicks, _) = Simulate(options, seed: 37);
        var produced = Produce(options, mock, records);
        await RunUntilStoppedAsync(options, mock.BootstrapServers, produced / 2, sampleCommits: false);

        // A newer image of every partition with one byte flipped in its compressed body.
        var store = new ClickHouseCheckpointStore(Client, _group, TimeProvider.System);
        await Task.Run(() =>
        {
            for (var partition = 0; partition < Partitions; partition++)
            {
                var image = store.Load(partition) ?? throw new InvalidOperationException($"partition {partition} has no checkpoint");
                image[^1] ^= 0x40;
                store.Save(partition, image, "corrupted by the test");
            }
        });

        var second = await RunToEndAsync(options, mock.BootstrapServers);

        Assert.Equal(Partitions, second.Restores("corrupt"));
        Assert.Equal(produced, second.Consumed);
        Assert.Equal(clicks, second.Counter.Count);
        Assert.Equal(0, second.Counter.Refolded);
    }

    [Fact]
    public async Task BeforeTheFirstCheckpoint_NothingIsCommitted_AndAtStopCommitsStopAtTheCheckpoint()
    {
        var options = EngineSettings(checkpointInterval: "01:00:00");
        using var mock = new MockKafkaCluster(brokers: 3);
        var produced = Produce(options, mock, Simulate(options, seed: 41).Records);
        var counter = new ClickCountFeature();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        await using (var host = await EngineHost.StartAsync(options, mock.BootstrapServers, NullLoggerFactory.Instance, Features(options, counter), timeout.Token))
        {
            var run = host.RunAsync(stop.Token);
            await WaitUntilAsync(
                () => run.IsCompleted || (host.Source.RecordsConsumed >= produced / 2 && ConsumingEveryPartition(host, options)
                    && host.Metrics.ClickHouseRowsWritten.WithLabels("product_activity").Value > 0),
                "half the records consumed and rows flushed");
            Assert.False(run.IsCompleted, $"the run ended early: {run.Exception?.GetBaseException()}");

            // Output has been flushed many times (commit interval 100 ms), but no checkpoint exists yet.
            Assert.Equal(0, host.Source.Commits);
            Assert.All(host.Source.Progress, p => Assert.Equal(-1, p.Committed));
            await stop.CancelAsync();
            await run;
            Assert.True(host.Source.Commits > 0, "the stop checkpointed and committed");
        }

        var committed = GroupOffsets.Committed(options.Kafka, mock.BootstrapServers, Partitions);
        var positions = await CheckpointPositionsAsync();
        Assert.NotEmpty(committed);
        Assert.All(committed, c => Assert.True(c.Offset <= positions[c.Partition][TopicIndex(options, c.Topic)], $"{c} passed its checkpoint"));
    }

    private EngineOptions EngineSettings(string checkpointInterval) =>
        EngineOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamEngine:ClickHouse:Url"] = Fixture.Url.ToString(),
            ["StreamEngine:ClickHouse:Database"] = Database,
            ["StreamEngine:Http:Url"] = "",
            ["StreamEngine:Kafka:GroupId"] = _group,
            ["StreamEngine:Kafka:CommitInterval"] = "00:00:00.100",
            ["StreamEngine:Checkpoints:Interval"] = checkpointInterval,
        }).Build());

    private static FeatureSet Features(EngineOptions options, ClickCountFeature counter) =>
        new([new ProductActivityFeature(options.Features, new CurrencyConverter(options.Features)), counter]);

    /// <summary>The simulated records in emission order, how many are clicks, and the simulator's ground truth.</summary>
    private static (List<SimulatedRecord> Records, long Clicks, GroundTruth Truth) Simulate(EngineOptions options, int seed)
    {
        var simulation = new SimulatorOptions { EventCount = 40_000, Seed = seed, Users = 3_000, Products = 300 };
        simulation.Topics.Clickstream = options.Kafka.ClickstreamTopic;
        simulation.Topics.Transactions = options.Kafka.TransactionsTopic;
        simulation.Topics.Inventory = options.Kafka.InventoryTopic;
        var simulator = new StorefrontSimulator(simulation);
        var records = SimulationSource.Records(simulator).ToList();
        return (records, records.Count(r => r.Topic == options.Kafka.ClickstreamTopic), simulator.GroundTruth);
    }

    /// <summary>Produces <paramref name="records"/> to the mock cluster (creating the input topics); returns how many.</summary>
    private static long Produce(EngineOptions options, MockKafkaCluster mock, IEnumerable<SimulatedRecord> records)
    {
        mock.EnsureTopics(options.Kafka.InputTopics);
        using var producer = new RecordProducer(options.Kafka.BuildProducerConfig(mock.BootstrapServers));
        return producer.Produce(records, 0, null, 0, 0, null, CancellationToken.None);
    }

    /// <summary>
    /// Runs until <paramref name="stopAfter"/> records are consumed and every partition has begun, then stops it like
    /// SIGTERM does.
    /// </summary>
    private async Task<RunResult> RunUntilStoppedAsync(EngineOptions options, string bootstrapServers, long stopAfter, bool sampleCommits)
    {
        var counter = new ClickCountFeature();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        await using var host = await EngineHost.StartAsync(options, bootstrapServers, NullLoggerFactory.Instance, Features(options, counter), timeout.Token);
        var run = host.RunAsync(stop.Token);
        var store = new ClickHouseCheckpointStore(Client, _group, TimeProvider.System);
        while (host.Source.RecordsConsumed < stopAfter || !ConsumingEveryPartition(host, options))
        {
            Assert.False(run.IsCompleted, $"the run ended early: {run.Exception?.GetBaseException()}");
            if (sampleCommits)
            {
                await AssertCommitsWithinCheckpointsAsync(host.Source.Progress, store, options);
            }

            await Task.Delay(10, timeout.Token);
        }

        await stop.CancelAsync();
        await run;
        return new RunResult(host, counter, options);
    }

    /// <summary>Every partition of the three storefront topics has records consumed (so every task has a checkpoint at the stop).</summary>
    private static bool ConsumingEveryPartition(EngineHost host, EngineOptions options)
    {
        var storefront = new[] { options.Kafka.ClickstreamTopic, options.Kafka.TransactionsTopic, options.Kafka.InventoryTopic };
        return host.Source.Progress.Count(p => storefront.Contains(p.Topic) && p.Position > 0) == storefront.Length * Partitions;
    }

    private static async Task<RunResult> RunToEndAsync(EngineOptions options, string bootstrapServers)
    {
        var counter = new ClickCountFeature();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var host = await EngineHost.StartAsync(options, bootstrapServers, NullLoggerFactory.Instance, Features(options, counter), timeout.Token);
        await host.RunAsync(timeout.Token, () => true);
        return new RunResult(host, counter, options);
    }

    /// <summary>
    /// Reads the commits first, then the checkpoints: checkpoints only move forward, so a commit past the checkpoint
    /// read after it is a commit that passed its checkpoint. (A fast run may commit nothing before its stop: the commits
    /// after the stop are checked by the test itself.)
    /// </summary>
    private static async Task AssertCommitsWithinCheckpointsAsync(IEnumerable<PartitionProgress> progress, ClickHouseCheckpointStore store, EngineOptions options)
    {
        var commits = progress.Select(p => (p.Topic, p.Partition, Offset: p.Committed)).Where(c => c.Offset >= 0).ToList();
        foreach (var partition in commits.GroupBy(c => c.Partition))
        {
            var image = await Task.Run(() => store.Load(partition.Key));
            Assert.True(image is not null, $"partition {partition.Key} committed without a checkpoint");
            var positions = PartitionCheckpoint.Decode(image).Positions;
            foreach (var commit in partition)
            {
                Assert.True(commit.Offset <= positions[TopicIndex(options, commit.Topic)], $"{commit} passed its checkpoint");
            }
        }
    }

    private async Task<long[][]> CheckpointPositionsAsync()
    {
        var store = new ClickHouseCheckpointStore(Client, _group, TimeProvider.System);
        return await Task.Run(() => Enumerable.Range(0, Partitions)
            .Select(p => PartitionCheckpoint.Decode(store.Load(p) ?? throw new InvalidOperationException($"partition {p} has no checkpoint")).Positions)
            .ToArray());
    }

    private static int TopicIndex(EngineOptions options, string topic) => options.Kafka.InputTopics.ToList().IndexOf(topic);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>What one engine run leaves behind: its counting feature, storefront records consumed and restore outcomes.</summary>
    private sealed class RunResult(EngineHost host, ClickCountFeature counter, EngineOptions options)
    {
        private readonly Dictionary<string, double> _restores = new[] { "restored", "missing", "corrupt" }
            .ToDictionary(o => o, o => host.Metrics.CheckpointRestores.WithLabels(o).Value);

        public ClickCountFeature Counter { get; } = counter;

        public long Consumed { get; } = new[] { options.Kafka.ClickstreamTopic, options.Kafka.TransactionsTopic, options.Kafka.InventoryTopic }
            .Sum(topic => (long)host.Metrics.EventsConsumed.WithLabels(topic).Value);

        public long Restores(string outcome) => (long)_restores[outcome];
    }
}
