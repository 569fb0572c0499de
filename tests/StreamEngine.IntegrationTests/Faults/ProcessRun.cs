using Confluent.Kafka;
using StreamEngine.ClickHouse;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.IntegrationTests.Support;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// Engine processes sharing one consumer group over one input: a fresh mock Kafka cluster in the test process (killing
/// an engine leaves the broker up) holding the whole input before any engine starts, a watcher on every output topic,
/// and the test's ClickHouse database. <see cref="FinishAsync"/> lets the engines still running reach the end of the
/// input (<c>--until-idle</c>) and reads back everything the run wrote.
/// </summary>
internal sealed class ProcessRun : IAsyncDisposable
{
    /// <summary>
    /// Input partitions per topic: the mock cluster keeps only the newest 5 MB of a partition (about 11,000 simulated
    /// clicks), so the input is spread wide enough for all of it to stay; 24 also splits evenly over three and four
    /// instances, which then reach the end of the input together.
    /// </summary>
    private const int Partitions = 24;

    /// <summary>
    /// How long an engine waits, caught up, before it drains and exits: longer than the group takes to hand a killed
    /// member's partitions to another (session timeout, rebalance, restore) and than instances of one group finish
    /// apart, so every engine drains only at the end of the input, as an uninterrupted run does.
    /// </summary>
    private static readonly TimeSpan UntilIdle = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    /// <summary>The default topic names, which appsettings.json, read by the engine processes, also uses.</summary>
    private static readonly KafkaOptions Topics = new();
    private static readonly string[] OutputTopics =
        [Topics.FraudScoresTopic, Topics.IntentTopic, Topics.ReplenishmentTopic, Topics.DemandTopic, Topics.DeadLetterTopic];

    private readonly string _name;
    private readonly string _database;
    private readonly MockKafkaCluster _mock;
    private readonly KafkaOptions _group;
    private readonly Dictionary<string, string> _settings;
    private readonly Dictionary<string, TopicWatcher> _watchers;
    private readonly List<EngineProcess> _engines = [];
    private readonly HashSet<EngineProcess> _killed = [];
    private readonly DateTime _deadline = DateTime.UtcNow + Deadline;
    private bool _watchersClosed;

    private ProcessRun(string name, string database, MockKafkaCluster mock, KafkaOptions group, Dictionary<string, string> settings)
    {
        _name = name;
        _database = database;
        _mock = mock;
        _group = group;
        _settings = settings;
        _watchers = OutputTopics.ToDictionary(t => t, t => new TopicWatcher(mock.BootstrapServers, t));
    }

    /// <summary>
    /// Produces <paramref name="records"/> into a new mock cluster, for a new consumer group writing to
    /// <paramref name="database"/>; no engine runs yet.
    /// </summary>
    public static ProcessRun Start(string name, ClickHouseFixture clickHouse, string database, IReadOnlyList<(string Topic, byte[] Key, byte[] Value, long TimestampMs)> records)
    {
        var mock = new MockKafkaCluster(brokers: 3);
        foreach (var topic in Topics.InputTopics)
        {
            mock.CreateTopic(topic, Partitions);
        }

        mock.EnsureTopics(OutputTopics);
        using (var producer = new RecordProducer(Topics.BuildProducerConfig(mock.BootstrapServers)))
        {
            producer.Produce(records, 0, null, 0, 0, null, CancellationToken.None);
        }

        var group = new KafkaOptions { GroupId = $"it-{Guid.NewGuid():N}" };
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["StreamEngine:Kafka:BootstrapServers"] = mock.BootstrapServers,
            ["StreamEngine:Kafka:GroupId"] = group.GroupId,
            ["StreamEngine:Kafka:CommitInterval"] = "00:00:00.250",
            // A killed member holds its partitions until its session times out (librdkafka's default: 45 s).
            ["StreamEngine:Kafka:Consumer:session.timeout.ms"] = "3000",
            ["StreamEngine:Kafka:Consumer:heartbeat.interval.ms"] = "500",
            ["StreamEngine:ClickHouse:Url"] = clickHouse.Url.ToString(),
            ["StreamEngine:ClickHouse:Database"] = database,
            ["StreamEngine:Checkpoints:Interval"] = "00:00:00.500",
            ["StreamEngine:Http:Url"] = "",
        };
        return new ProcessRun(name, database, mock, group, settings);
    }

    /// <summary>Starts one more engine process in the group.</summary>
    public EngineProcess StartEngine()
    {
        var engine = EngineProcess.Start($"{_name}-{_engines.Count + 1}", _settings, UntilIdle);
        _engines.Add(engine);
        return engine;
    }

    public async Task KillAsync(EngineProcess engine)
    {
        _killed.Add(engine);
        await engine.KillAsync();
    }

    /// <summary>The sum of the group's committed offsets over its input partitions (the demand topic's included).</summary>
    public long CommittedRecords() => GroupOffsets.Committed(_group, _mock.BootstrapServers, Partitions).Sum(c => c.Offset);

    /// <summary>Waits until <see cref="CommittedRecords"/> reaches <paramref name="records"/>.</summary>
    public async Task WaitUntilCommittedAsync(long records)
    {
        while (CommittedRecords() < records)
        {
            ThrowIfStuck($"the group to commit {records} records");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until <paramref name="engine"/> owns partitions.</summary>
    public async Task WaitUntilAssignedAsync(EngineProcess engine)
    {
        while (!engine.WasAssigned)
        {
            ThrowIfStuck($"{engine.Name} to be assigned partitions");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Lets every engine that was not killed finish its bounded run (exit code 0), checks that the mock cluster dropped
    /// nothing, and reads every table and output topic.
    /// </summary>
    public async Task<List<Relation>> FinishAsync(ClickHouseClient client)
    {
        foreach (var engine in _engines.Where(e => !_killed.Contains(e)))
        {
            var exitCode = await engine.WaitForExitAsync(_deadline - DateTime.UtcNow);
            Assert.True(exitCode == 0, $"{engine.Name} failed.\n{engine.Describe()}");
        }

        await CloseWatchersAsync();
        AssertNothingLostToRetention();
        var records = _watchers.ToDictionary(w => w.Key, w => w.Value.Records);
        return [.. await EngineTableReads.ReadAsync(client, _database), .. OutputTopicReads.Read(Topics, records)];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            engine.Dispose();
        }

        await CloseWatchersAsync();
        _mock.Dispose();
    }

    /// <summary>Reads each output topic to its end and stops reading.</summary>
    private async Task CloseWatchersAsync()
    {
        if (!_watchersClosed)
        {
            _watchersClosed = true;
            foreach (var watcher in _watchers.Values)
            {
                await watcher.DisposeAsync();
            }
        }
    }

    /// <summary>Fails when an engine that was not killed has ended (it must run until the input is done), or on the deadline.</summary>
    private void ThrowIfStuck(string waitingFor)
    {
        var ended = _engines.FirstOrDefault(e => e.HasExited && !_killed.Contains(e));
        Assert.True(ended is null, $"{ended?.Name} ended while waiting for {waitingFor}.\n{ended?.Describe()}");
        Assert.True(
            DateTime.UtcNow < _deadline,
            $"Timed out waiting for {waitingFor}.\n{string.Join("\n", _engines.Where(e => !_killed.Contains(e)).Select(e => e.Describe()))}");
    }

    /// <summary>The mock cluster keeps only the newest 5 MB per partition: every log must still start at offset 0.</summary>
    private void AssertNothingLostToRetention()
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _mock.BootstrapServers, GroupId = $"check-{Guid.NewGuid():N}" }).Build();
        foreach (var topic in Topics.InputTopics.Concat(OutputTopics).Distinct())
        {
            var partitions = Topics.InputTopics.Contains(topic) ? Partitions : MockKafkaCluster.PartitionsPerTopic;
            for (var partition = 0; partition < partitions; partition++)
            {
                var low = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10)).Low.Value;
                Assert.True(low == 0, $"{topic} [{partition}] lost its records below offset {low} to the mock cluster's 5 MB limit.");
            }
        }
    }
}
