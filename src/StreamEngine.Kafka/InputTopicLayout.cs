using System.Globalization;
using Confluent.Kafka;
using StreamEngine.Core;

namespace StreamEngine.Kafka;

/// <summary>
/// Partition counts of the input topics, checked at start-up: tasks join the topics by partition number, so
/// clickstream and transactions (both keyed by user) must have equal counts, and the demand repartition topic must have
/// the inventory topic's count (a SKU's demand and stock meet in one task). Clickstream and inventory may differ.
/// </summary>
public sealed record InputTopicLayout(int ClickstreamPartitions, int TransactionsPartitions, int InventoryPartitions, int DemandPartitions)
{
    /// <summary>Every topic with <paramref name="partitions"/> partitions (the mock cluster, in-memory benchmarks).</summary>
    public static InputTopicLayout Uniform(int partitions) => new(partitions, partitions, partitions, partitions);

    /// <summary>
    /// Reads the input topics' partition counts from the cluster's metadata (with the consumer's settings, which never
    /// auto-create topics) and checks them; throws <see cref="OptionsException"/> naming the topics and counts.
    /// </summary>
    public static InputTopicLayout Read(KafkaOptions options, string bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(options.BuildConsumerConfig(bootstrapServers)).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in options.InputTopics)
        {
            Metadata metadata;
            try
            {
                metadata = admin.GetMetadata(topic, options.MetadataTimeout);
            }
            catch (KafkaException ex)
            {
                throw new OptionsException(
                    $"{KafkaOptions.Section}:{nameof(KafkaOptions.BootstrapServers)}",
                    $"no metadata for topic '{topic}' from {bootstrapServers} within {options.MetadataTimeout.TotalSeconds:0} s ({ex.Error.Reason})");
            }

            var found = metadata.Topics.Find(t => t.Topic == topic);
            counts[topic] = found is null || found.Error.Code == ErrorCode.UnknownTopicOrPart ? 0 : found.Partitions.Count;
        }

        return Check(options, counts);
    }

    /// <summary>Checks counts per topic name (0 = the topic does not exist); throws <see cref="OptionsException"/>.</summary>
    public static InputTopicLayout Check(KafkaOptions options, IReadOnlyDictionary<string, int> partitionsByTopic)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(partitionsByTopic);
        var keys = new[] { nameof(KafkaOptions.ClickstreamTopic), nameof(KafkaOptions.TransactionsTopic), nameof(KafkaOptions.InventoryTopic), nameof(KafkaOptions.DemandTopic) };
        var counts = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var topic = options.InputTopics[i];
            counts[i] = partitionsByTopic.TryGetValue(topic, out var count) ? count : 0;
            if (counts[i] <= 0)
            {
                throw new OptionsException(
                    $"{KafkaOptions.Section}:{keys[i]}",
                    $"topic '{topic}' does not exist; create it before starting (the demand topic with the inventory topic's partition count)");
            }
        }

        if (counts[0] != counts[1])
        {
            throw Mismatch(options, keys, 1, 0, counts, "both are keyed by user and joined by partition number");
        }

        if (counts[3] != counts[2])
        {
            throw Mismatch(options, keys, 3, 2, counts, "demand is re-keyed by SKU to meet the SKU's stock in the task of the same partition number");
        }

        return new InputTopicLayout(counts[0], counts[1], counts[2], counts[3]);
    }

    private static OptionsException Mismatch(KafkaOptions options, string[] keys, int topic, int reference, int[] counts, string why) =>
        new(
            $"{KafkaOptions.Section}:{keys[topic]}",
            string.Create(
                CultureInfo.InvariantCulture,
                $"topic '{options.InputTopics[topic]}' has {counts[topic]} partitions but '{options.InputTopics[reference]}' ({KafkaOptions.Section}:{keys[reference]}) has {counts[reference]}; they must be equal ({why})"));
}
