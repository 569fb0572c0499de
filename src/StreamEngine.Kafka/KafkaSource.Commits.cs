using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamEngine.Kafka;

/// <summary>
/// The commit protocol: output made durable (barrier), then each task's state checkpointed, then offsets committed —
/// never past what the task reports as committable, which is never past its checkpoint or its open windows.
/// </summary>
public sealed partial class KafkaSource
{
    private void DrainAndCommit(CancellationToken cancellationToken)
    {
        // Checkpoint before draining: a drained task has fired every window at an infinite watermark, which is the end
        // of a bounded run, not a state to resume from.
        _barrier.Flush(cancellationToken);
        foreach (var task in _tasks.Values)
        {
            task.Checkpoint(force: true);
        }

        foreach (var task in _tasks.Values)
        {
            task.Drain();
        }

        FlushAndCommit(cancellationToken);
    }

    private void FlushAndCommit(CancellationToken cancellationToken) => FlushAndCommit(_progress.Keys.ToList(), forceCheckpoint: false, cancellationToken);

    private void FlushAndCommit(List<TopicPartition> partitions, bool forceCheckpoint, CancellationToken cancellationToken)
    {
        // Order matters: output durable, then state checkpointed, then offsets committed (never past the checkpoint).
        _barrier.Flush(cancellationToken);
        foreach (var partition in partitions.Select(p => p.Partition.Value).Distinct())
        {
            if (_tasks.TryGetValue(partition, out var owner))
            {
                owner.Checkpoint(forceCheckpoint);
            }
        }

        _nextCommitTicks = _time.GetTimestamp() + ToTicks(_options.CommitInterval);
        RefreshHighWatermarks();
        var offsets = new List<TopicPartitionOffset>();
        foreach (var tp in partitions)
        {
            if (!_tasks.TryGetValue(tp.Partition.Value, out var task))
            {
                continue;
            }

            var offset = task.CommittableOffset(tp.Topic);
            if (offset is null || (_lastCommitted.TryGetValue(tp, out var last) && last >= offset.Value))
            {
                continue;
            }

            offsets.Add(new TopicPartitionOffset(tp, new Offset(offset.Value)));
        }

        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            _consumer.Commit(offsets);
        }
        catch (KafkaException ex) when (!ex.Error.IsFatal)
        {
            // A failed commit only means more replay after a crash; replays are harmless by design.
            Interlocked.Increment(ref _commitErrors);
            LogCommitFailed(_logger, ex.Error.Reason);
            return;
        }

        Interlocked.Increment(ref _commits);

        foreach (var tpo in offsets)
        {
            _lastCommitted[tpo.TopicPartition] = tpo.Offset.Value;
            if (_progress.TryGetValue(tpo.TopicPartition, out var progress))
            {
                progress.Committed = tpo.Offset.Value;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offset commit failed, will retry with the next commit: {Reason}")]
    private static partial void LogCommitFailed(ILogger logger, string reason);
}
