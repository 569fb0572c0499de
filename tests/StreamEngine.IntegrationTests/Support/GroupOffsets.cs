using Confluent.Kafka;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.Support;

/// <summary>Reads a consumer group's committed offsets as the broker has them, without joining the group.</summary>
internal static class GroupOffsets
{
    /// <summary>The committed offsets of <paramref name="kafka"/>'s group on its input topics' first <paramref name="partitions"/> partitions.</summary>
    public static List<(string Topic, int Partition, long Offset)> Committed(KafkaOptions kafka, string bootstrapServers, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.BuildConsumerConfig(bootstrapServers)).SetLogHandler((_, _) => { }).Build();
        var topicPartitions = kafka.InputTopics.SelectMany(t => Enumerable.Range(0, partitions).Select(p => new TopicPartition(t, p))).ToList();
        return consumer.Committed(topicPartitions, TimeSpan.FromSeconds(10))
            .Where(c => c.Offset.Value >= 0)
            .Select(c => (c.Topic, c.Partition.Value, c.Offset.Value))
            .ToList();
    }
}
