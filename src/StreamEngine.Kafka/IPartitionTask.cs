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

    /// <summary>
    /// True when the task found no usable checkpoint for its long-lived state, so its partitions must be consumed from
    /// the start of retention rather than from the committed offsets. Read once, right after creation.
    /// </summary>
    bool ReplayFromStart { get; }

    /// <summary>
    /// Saves the task's long-lived state when the checkpoint interval has passed, or now when <paramref name="force"/>
    /// (revocation, shutdown). Called after the output barrier and before offsets are committed.
    /// </summary>
    void Checkpoint(bool force);

    /// <summary>End of a bounded run: fire every open window and session so all results are emitted.</summary>
    void Drain();

    /// <summary>
    /// The offset of <paramref name="topic"/> to commit: every record below it is fully reflected in written output,
    /// or null when nothing new can be committed.
    /// </summary>
    long? CommittableOffset(string topic);
}
