using Confluent.Kafka;

namespace StreamEngine.Kafka;

/// <summary>
/// The unit of state ownership: everything an instance computes for one partition number across the co-partitioned
/// input topics. All members are called on the consume thread.
/// </summary>
public interface IPartitionTask : IDisposable
{
    int Partition { get; }

    /// <summary>Decodes and processes one record; bad records are dead-lettered, never thrown.</summary>
    void Process(ConsumeResult<byte[], byte[]> record);

    /// <summary>Called when a poll returns nothing and at every commit, so idle partitions stop holding the watermark back.</summary>
    void OnTick();

    /// <summary>End of a bounded run: fire every open window and session so all results are emitted.</summary>
    void Drain();

    /// <summary>
    /// The offset of <paramref name="topic"/> to commit: every record below it is fully reflected in written output,
    /// or null when nothing new can be committed.
    /// </summary>
    long? CommittableOffset(string topic);
}
