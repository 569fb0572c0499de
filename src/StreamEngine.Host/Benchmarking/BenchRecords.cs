using Confluent.Kafka;
using StreamEngine.Core.Simulation;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Benchmarking;

/// <summary>Pre-serialised simulated records as the consumer would hand them over, built before any timing starts.</summary>
internal static class BenchRecords
{
    /// <summary>
    /// Partition tasks get an idle check (as the consume loop's empty polls give them) every this many records of a
    /// partition. In memory nothing feeds the internal demand topic back, so its producers must go idle (after
    /// <see cref="IdleTimeout"/>) or safety stock would close no bucket before the end.
    /// </summary>
    public const int TickEvery = 1024;

    /// <summary>The idle timeout of the in-memory modes (the only inputs that go idle there are the demand topic's producers).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The input topics' partitions of the in-memory modes: the records are spread over the mock's count.</summary>
    public static InputTopicLayout Topics { get; } = InputTopicLayout.Uniform(MockKafkaCluster.PartitionsPerTopic);

    public static ConsumeResult<byte[], byte[]>[] Create(SimulatorOptions options, int partitions)
    {
        var records = new List<ConsumeResult<byte[], byte[]>>((int)options.EventCount);
        records.AddRange(Stream(options, partitions));
        return [.. records];
    }

    /// <summary>The same records one at a time, for runs too large to hold in memory.</summary>
    public static IEnumerable<ConsumeResult<byte[], byte[]>> Stream(SimulatorOptions options, int partitions)
    {
        var offsets = new Dictionary<(string, int), long>();
        foreach (var record in new StorefrontSimulator(options).Generate())
        {
            var partition = (int)(Fnv1a(record.Key) % (uint)partitions);
            offsets.TryGetValue((record.Topic, partition), out var offset);
            offsets[(record.Topic, partition)] = offset + 1;
            yield return new ConsumeResult<byte[], byte[]>
            {
                TopicPartitionOffset = new TopicPartitionOffset(record.Topic, partition, offset),
                Message = new Message<byte[], byte[]>
                {
                    Key = record.Key,
                    Value = record.Value,
                    Timestamp = new Timestamp(record.TimestampMs, TimestampType.CreateTime),
                },
            };
        }
    }

    // Any stable key hash spreads keys like a producer's partitioner; this one needs no package.
    internal static uint Fnv1a(ReadOnlySpan<byte> key)
    {
        var hash = 2166136261u;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
