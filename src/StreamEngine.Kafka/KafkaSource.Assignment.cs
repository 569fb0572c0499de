using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamEngine.Kafka;

/// <summary>
/// Partition assignment: tasks are created (restoring their checkpoints) before any of their records is consumed,
/// flushed, checkpointed and committed before a revoked partition goes, and dropped without a commit when lost.
/// </summary>
public sealed partial class KafkaSource
{
    private List<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions)
    {
        // Tasks restore their checkpoints here, before any record of theirs is consumed.
        var created = new HashSet<int>();
        foreach (var tp in partitions)
        {
            if (!_tasks.ContainsKey(tp.Partition.Value))
            {
                _tasks[tp.Partition.Value] = _taskFactory.Create(tp.Partition.Value);
                created.Add(tp.Partition.Value);
            }

            var progress = new PartitionProgress(tp.Topic, tp.Partition.Value);
            _progress[tp] = progress;
            PartitionAssigned?.Invoke(progress);
        }

        LogAssigned(_logger, string.Join(", ", partitions));

        // A new task without usable checkpointed state rebuilds it from the start of retention; the others resume
        // from the committed offsets (Unset), which never pass their checkpoint.
        var starts = partitions
            .Select(tp => created.Contains(tp.Partition.Value) && _tasks[tp.Partition.Value].ReplayFromStart
                ? new TopicPartitionOffset(tp, Offset.Beginning)
                : new TopicPartitionOffset(tp, Offset.Unset))
            .ToList();
        foreach (var start in starts.Where(s => s.Offset == Offset.Beginning))
        {
            _replayedFromStart.Add(start.TopicPartition);
        }

        return starts;
    }

    private void OnRevoked(List<TopicPartition> partitions)
    {
        // Flush and commit what this instance has made durable before another instance takes the partitions over.
        FlushAndCommit(partitions.Where(_progress.ContainsKey).ToList(), forceCheckpoint: true, CancellationToken.None);
        RemovePartitions(partitions);
        LogRevoked(_logger, string.Join(", ", partitions));
    }

    private void OnLost(List<TopicPartition> partitions)
    {
        // Lost (not revoked): another member may already own them, so nothing may be committed for them.
        RemovePartitions(partitions);
        LogLost(_logger, string.Join(", ", partitions));
    }

    private void RemovePartitions(List<TopicPartition> partitions)
    {
        foreach (var tp in partitions)
        {
            if (_progress.TryRemove(tp, out var progress))
            {
                PartitionRemoved?.Invoke(progress);
            }

            _lastCommitted.Remove(tp);
            _replayedFromStart.Remove(tp);
        }

        foreach (var partition in partitions.Select(p => p.Partition.Value).Distinct())
        {
            if (!_progress.Keys.Any(tp => tp.Partition.Value == partition) && _tasks.Remove(partition, out var task))
            {
                task.Dispose();
            }
        }
    }

    /// <summary>
    /// Gives the partitions back (revocation: flush, checkpoint, commit), waits for the group to take them, then closes.
    /// librdkafka 2.0 asserts or hangs in close when a rebalance is still in progress (members of a group ending
    /// their bounded runs together): unsubscribing first and polling until the assignment is gone avoids that path.
    /// Records still delivered meanwhile are not processed and not committed: the next owner reads them.
    /// </summary>
    private void LeaveGroup()
    {
        try
        {
            _consumer.Unsubscribe();
            var deadline = _time.GetTimestamp() + ToTicks(_options.ShutdownFlushTimeout);
            while (_consumer.Assignment.Count > 0 && _time.GetTimestamp() < deadline)
            {
                _consumer.Consume(_options.PollTimeout);
            }
        }
        catch (KafkaException ex)
        {
            // Leaving politely failed (brokers gone, a fatal error): close anyway; the group's session timeout frees the partitions.
            LogError(_logger, ex.Error.Code.ToString(), ex.Error.Reason, ex.Error.IsFatal);
        }

        _consumer.Close();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Partitions assigned: {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partitions revoked after flush and commit: {Partitions}")]
    private static partial void LogRevoked(ILogger logger, string partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partitions lost without commit: {Partitions}")]
    private static partial void LogLost(ILogger logger, string partitions);
}
