using Confluent.Kafka;
using StreamEngine.Core;

namespace StreamEngine.Kafka;

/// <summary>
/// Kafka settings (section "StreamEngine:Kafka"). <see cref="Consumer"/> and <see cref="Producer"/> hold raw librdkafka
/// settings passed through unchanged (TLS, SASL, tuning); the named properties here take precedence.
/// </summary>
public sealed class KafkaOptions
{
    public const string Section = "StreamEngine:Kafka";

    /// <summary>Empty means: start librdkafka's in-process mock cluster (the embedded default for demos and tests).</summary>
    public string BootstrapServers { get; set; } = "";

    public string GroupId { get; set; } = "streamengine";

    public string ClickstreamTopic { get; set; } = "clickstream";

    public string TransactionsTopic { get; set; } = "transactions";

    public string InventoryTopic { get; set; } = "inventory";

    /// <summary>
    /// Internal repartition topic: demand derived from purchases (keyed by user) re-keyed by SKU, consumed as the 4th
    /// input. Must have the same partition count as <see cref="InventoryTopic"/>, and the engine's producer must use the
    /// same partitioner as the inventory producer (docs/architecture.md), so a SKU's demand and stock meet in one task.
    /// </summary>
    public string DemandTopic { get; set; } = "streamengine-demand";

    public string DeadLetterTopic { get; set; } = "streamengine-dead-letter";

    public string FraudScoresTopic { get; set; } = "fraud-scores";

    public string ReplenishmentTopic { get; set; } = "replenishment-signals";

    public string IntentTopic { get; set; } = "intent-signals";

    /// <summary>How often offsets are committed (after the sink and producers have flushed).</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a stopping engine may spend on its last flush and commit before it gives up (and replays later).</summary>
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long start-up waits for the input topics' metadata (partition counts) before it gives up.</summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MockBrokers { get; set; } = 3;

    public Dictionary<string, string> Consumer { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Producer { get; } = new(StringComparer.Ordinal);

    public bool UsesMockCluster => string.IsNullOrWhiteSpace(BootstrapServers);

    /// <summary>Topics consumed, in the order of the host's InputTopic enum.</summary>
    public IReadOnlyList<string> InputTopics => [ClickstreamTopic, TransactionsTopic, InventoryTopic, DemandTopic];

    /// <summary>Throws naming the first invalid key.</summary>
    public void Validate()
    {
        RequireName(GroupId, nameof(GroupId));
        foreach (var (value, key) in new[]
                 {
                     (ClickstreamTopic, nameof(ClickstreamTopic)), (TransactionsTopic, nameof(TransactionsTopic)),
                     (InventoryTopic, nameof(InventoryTopic)), (DemandTopic, nameof(DemandTopic)), (DeadLetterTopic, nameof(DeadLetterTopic)),
                     (FraudScoresTopic, nameof(FraudScoresTopic)), (ReplenishmentTopic, nameof(ReplenishmentTopic)),
                     (IntentTopic, nameof(IntentTopic)),
                 })
        {
            RequireName(value, key);
        }

        if (InputTopics.Distinct(StringComparer.Ordinal).Count() != InputTopics.Count)
        {
            throw new OptionsException($"{Section}:{nameof(DemandTopic)}", "input topics (clickstream, transactions, inventory, demand) must be distinct");
        }

        if (CommitInterval <= TimeSpan.Zero)
        {
            throw new OptionsException($"{Section}:{nameof(CommitInterval)}", "must be positive");
        }

        if (PollTimeout <= TimeSpan.Zero || PollTimeout > TimeSpan.FromSeconds(10))
        {
            throw new OptionsException($"{Section}:{nameof(PollTimeout)}", "must be between 0 and 10 seconds");
        }

        if (ShutdownFlushTimeout <= TimeSpan.Zero)
        {
            throw new OptionsException($"{Section}:{nameof(ShutdownFlushTimeout)}", "must be positive");
        }

        if (MetadataTimeout <= TimeSpan.Zero)
        {
            throw new OptionsException($"{Section}:{nameof(MetadataTimeout)}", "must be positive");
        }

        if (MockBrokers is < 1 or > 10)
        {
            throw new OptionsException($"{Section}:{nameof(MockBrokers)}", "must be between 1 and 10");
        }

        ValidatePassThrough(nameof(Consumer), Consumer, BuildConsumerConfig(""), config => new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler(Ignore).Build().Dispose());
        ValidatePassThrough(nameof(Producer), Producer, BuildProducerConfig(""), config => new ProducerBuilder<byte[], byte[]>(config).SetLogHandler(Ignore).Build().Dispose());
    }

    /// <summary>The consumer configuration: pass-through settings, then the engine's own, which must not be overridden.</summary>
    public ConsumerConfig BuildConsumerConfig(string bootstrapServers)
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(Consumer, StringComparer.Ordinal))
        {
            BootstrapServers = bootstrapServers,
            GroupId = GroupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            // Range assignment gives one instance the same partition number of every input topic (co-partitioning):
            // a task's state then sees all events of its keys.
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
        };
        config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        config.FetchWaitMaxMs ??= 10;
        return config;
    }

    public ProducerConfig BuildProducerConfig(string bootstrapServers)
    {
        var config = new ProducerConfig(new Dictionary<string, string>(Producer, StringComparer.Ordinal))
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
        };
        config.LingerMs ??= 5;
        return config;
    }

    /// <summary>
    /// librdkafka checks its settings only when a client is created: create one now, without bootstrap servers so it
    /// connects nowhere, so that an unknown property or a bad value stops start-up naming its key instead of surfacing
    /// as an exception from the consume loop. The key is found by trying each setting alone (librdkafka names the
    /// canonical property, not the alias the user wrote: linger.ms is queue.buffering.max.ms); a key is named only when
    /// alone it fails with the same message, otherwise (settings wrong only together) the section is.
    /// </summary>
    private static void ValidatePassThrough<TConfig>(string section, Dictionary<string, string> settings, TConfig complete, Action<TConfig> buildClient)
        where TConfig : ClientConfig
    {
        if (settings.Count == 0 || Rejection(complete, buildClient) is not { } problem)
        {
            return;
        }

        foreach (var key in settings.Keys)
        {
            // The engine's own settings stay (group.id), the user's other pass-through settings are left out.
            var alone = (TConfig)Activator.CreateInstance(
                typeof(TConfig),
                complete.Where(p => p.Key == key || !settings.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value))!;
            if (Rejection(alone, buildClient) == problem)
            {
                throw new OptionsException($"{Section}:{section}:{key}", $"librdkafka rejected it: {problem}");
            }
        }

        throw new OptionsException($"{Section}:{section}", $"librdkafka rejected these settings together: {problem}");
    }

    private static string? Rejection<TConfig>(TConfig config, Action<TConfig> buildClient)
    {
        try
        {
            buildClient(config);
            return null;
        }
        catch (Exception ex) when (ex is KafkaException or ArgumentException or InvalidOperationException)
        {
            return ex.Message;
        }
    }

    private static void Ignore<TClient>(TClient client, LogMessage message)
    {
    }

    private static void RequireName(string value, string key)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 249 ||
            !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new OptionsException($"{Section}:{key}", "must be a valid Kafka name ([A-Za-z0-9._-], at most 249 characters)");
        }
    }
}
