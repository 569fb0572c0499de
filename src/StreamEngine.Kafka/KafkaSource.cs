using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamEngine.Kafka;

/// <summary>
/// The consume loop: one consumer in the group, on the calling thread. Records go synchronously through the task that
/// owns their partition number (Rx back-pressure is a synchronous OnNext). Offsets are committed only after the output
/// barrier has made everything derived from them durable, and never beyond what each task reports as committable.
/// </summary>
public sealed partial class KafkaSource : IDisposable
{
    private readonly KafkaOptions _options;
    private readonly IPartitionTaskFactory _taskFactory;
    private readonly IOutputBarrier _barrier;
    private readonly ILogger _logger;
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly Dictionary<int, IPartitionTask> _tasks = [];
    private readonly Dictionary<TopicPartition, long> _lastCommitted = [];
    private readonly HashSet<TopicPartition> _replayedFromStart = [];
    private readonly ConcurrentDictionary<TopicPartition, PartitionProgress> _progress = new();
    private readonly TimeProvider _time;
    private readonly BrokerReachability _brokers;
    private long _nextCommitTicks;
    private Error? _fatalError;

    public KafkaSource(
        KafkaOptions options,
        string bootstrapServers,
        IPartitionTaskFactory taskFactory,
        IOutputBarrier barrier,
        ILogger logger,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _taskFactory = taskFactory;
        _barrier = barrier;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _brokers = new BrokerReachability(_time);
        _consumer = new ConsumerBuilder<byte[], byte[]>(options.BuildConsumerConfig(bootstrapServers))
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => LogClient(_logger, message.Level.ToString(), message.Name, message.Message))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition).ToList()))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions.Select(p => p.TopicPartition).ToList()))
            .Build();
    }

    /// <summary>Raised on the consume thread when a topic partition is assigned (e.g. to bind its lag gauge).</summary>
    public event Action<PartitionProgress>? PartitionAssigned;

    /// <summary>Raised on the consume thread when a topic partition is revoked or lost.</summary>
    public event Action<PartitionProgress>? PartitionRemoved;

    /// <summary>Successful offset commits.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Failed offset commits (retried with the next one).</summary>
    public long CommitErrors => Interlocked.Read(ref _commitErrors);

    /// <summary>Progress per assigned topic partition, for lag metrics, health and bounded runs.</summary>
    public IReadOnlyCollection<PartitionProgress> Progress => (IReadOnlyCollection<PartitionProgress>)_progress.Values;

    /// <summary>False while librdkafka reports every broker down, until one answers again (metrics, readiness).</summary>
    public bool BrokersReachable => _brokers.IsUp;

    /// <summary>True while this consumer owns at least one partition (readiness).</summary>
    public bool HasAssignment => !_progress.IsEmpty;

    public long RecordsConsumed => Interlocked.Read(ref _recordsConsumed);

    /// <summary>Records and key + value bytes consumed so far (any thread).</summary>
    public ConsumerProgress Consumed => new(Interlocked.Read(ref _recordsConsumed), Interlocked.Read(ref _bytesConsumed));

    private long _recordsConsumed;
    private long _bytesConsumed;
    private long _skippedRecords;
    private long _commits;
    private long _commitErrors;

    /// <summary>
    /// Offsets jumped over between consecutive records of a partition: records deleted by retention before they were
    /// read (or compacted away) and never processed. Anything above zero on a non-compacted topic is data loss.
    /// </summary>
    public long SkippedRecords => Interlocked.Read(ref _skippedRecords);

    /// <summary>
    /// Consumes until cancelled, or, when <paramref name="stopWhenCaughtUp"/> is given, until every assigned partition is
    /// at its end and the predicate agrees; then drains all tasks, flushes and commits.
    /// </summary>
    public void Run(CancellationToken cancellationToken, Func<bool>? stopWhenCaughtUp = null)
    {
        _consumer.Subscribe(_options.InputTopics);
        _nextCommitTicks = _time.GetTimestamp() + ToTicks(_options.CommitInterval);
        try
        {
            if (Consume(stopWhenCaughtUp, cancellationToken))
            {
                return;
            }

            // Stopped (Ctrl+C, SIGTERM, disposal): one last flush and commit, bounded so an unreachable sink cannot hold
            // the shutdown; if it fails nothing is committed and the next start replays, which is harmless.
            using var shutdown = new CancellationTokenSource(_options.ShutdownFlushTimeout);
            try
            {
                FlushAndCommit(_progress.Keys.ToList(), forceCheckpoint: true, shutdown.Token);
            }
            catch (OperationCanceledException)
            {
                LogShutdownFlushAbandoned(_logger, _options.ShutdownFlushTimeout.TotalSeconds);
            }
        }
        finally
        {
            LeaveGroup();
        }
    }

    /// <summary>The loop; true when a bounded run drained and committed, false when cancelled.</summary>
    private bool Consume(Func<bool>? stopWhenCaughtUp, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ThrowIfFatal();
                var record = _consumer.Consume(_options.PollTimeout);
                if (record is null || record.IsPartitionEOF)
                {
                    Tick();

                    // Flush before the caught-up check: records the engine wrote to its own input topics (the demand
                    // repartition topic) must reach the broker, or the run would end before consuming them.
                    if (stopWhenCaughtUp is not null && stopWhenCaughtUp() && FlushThenIsCaughtUp(cancellationToken))
                    {
                        DrainAndCommit(cancellationToken);
                        return true;
                    }
                }
                else
                {
                    Process(record);
                }

                if (_barrier.FlushDue || _time.GetTimestamp() >= _nextCommitTicks)
                {
                    Tick();
                    FlushAndCommit(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled inside a flush (e.g. waiting out a ClickHouse outage): shut down like any other stop.
        }

        return false;
    }

    /// <summary>True when every assigned partition's position has reached the broker's high watermark.</summary>
    public bool IsCaughtUp()
    {
        if (_progress.IsEmpty)
        {
            return false;
        }

        foreach (var (tp, progress) in _progress)
        {
            var offsets = _consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5));
            progress.HighWatermark = offsets.High.Value;
            if (ConsumedUpTo(tp, offsets.Low.Value) < offsets.High.Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The offset up to which <paramref name="tp"/> is consumed. Before its first record the position is unknown: a
    /// partition resumed from a commit starts there (which may already be its end), one replayed from the start at
    /// <paramref name="low"/>.
    /// </summary>
    private long ConsumedUpTo(TopicPartition tp, long low)
    {
        var position = _consumer.Position(tp);
        if (position != Offset.Unset)
        {
            return position.Value;
        }

        if (_replayedFromStart.Contains(tp))
        {
            return low;
        }

        var committed = _consumer.Committed([tp], TimeSpan.FromSeconds(5))[0].Offset;
        return committed == Offset.Unset ? low : committed.Value;
    }

    private bool FlushThenIsCaughtUp(CancellationToken cancellationToken)
    {
        _barrier.Flush(cancellationToken);
        return IsCaughtUp();
    }

    public void Dispose()
    {
        foreach (var task in _tasks.Values)
        {
            task.Dispose();
        }

        _tasks.Clear();
        _consumer.Dispose();
    }

    private void Process(ConsumeResult<byte[], byte[]> record)
    {
        var tp = record.TopicPartition;
        if (!_tasks.TryGetValue(tp.Partition.Value, out var task))
        {
            throw new InvalidOperationException($"Record from unassigned partition {tp}.");
        }

        _brokers.OnRecord();
        task.Process(record);
        Interlocked.Add(ref _bytesConsumed, (record.Message.Key?.Length ?? 0) + (record.Message.Value?.Length ?? 0));
        Interlocked.Increment(ref _recordsConsumed);
        if (_progress.TryGetValue(tp, out var progress))
        {
            if (progress.Position >= 0 && record.Offset.Value > progress.Position)
            {
                Interlocked.Add(ref _skippedRecords, record.Offset.Value - progress.Position);
                LogSkipped(_logger, tp.ToString(), progress.Position, record.Offset.Value);
            }

            progress.Position = record.Offset.Value + 1;
        }
    }

    private void Tick()
    {
        _brokers.Probe(_consumer, _progress.Keys.FirstOrDefault());
        foreach (var task in _tasks.Values)
        {
            task.OnTick();
        }

        // The log end offsets librdkafka cached from its last fetch responses (no broker round trip), for the lag.
        foreach (var (tp, progress) in _progress)
        {
            var offsets = _consumer.GetWatermarkOffsets(tp);
            if (offsets.High != Offset.Unset)
            {
                progress.HighWatermark = Math.Max(progress.HighWatermark, offsets.High.Value);
            }
        }
    }

    // From the client's cache of the last fetch responses: no broker round trip.
    private void RefreshHighWatermarks()
    {
        foreach (var (tp, progress) in _progress)
        {
            var high = _consumer.GetWatermarkOffsets(tp).High;
            if (high != Offset.Unset)
            {
                progress.HighWatermark = high.Value;
            }
        }
    }

    private void OnError(Error error)
    {
        _brokers.OnError(error);
        if (error.IsFatal)
        {
            _fatalError = error;
        }

        LogError(_logger, error.Code.ToString(), error.Reason, error.IsFatal);
    }

    private void ThrowIfFatal()
    {
        if (_fatalError is { } error)
        {
            throw new KafkaException(error);
        }
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offsets {From} to {To} of {Partition} were skipped: deleted by retention before they were read (or compacted)")]
    private static partial void LogSkipped(ILogger logger, string partition, long from, long to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown flush did not finish within {Seconds} s; offsets not committed, the next start replays from the last commit")]
    private static partial void LogShutdownFlushAbandoned(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka error {Code}: {Reason} (fatal: {IsFatal})")]
    private static partial void LogError(ILogger logger, string code, string reason, bool isFatal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Level} {Name}: {Message}")]
    private static partial void LogClient(ILogger logger, string level, string name, string message);
}
