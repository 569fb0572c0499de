using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;
using StreamEngine.Host.Checkpoints;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Engine;

/// <summary>
/// One partition number's share of the engine: decodes its records, quarantines bad ones, stamps each event with the
/// task's watermark and pushes it through the features' pipelines. The task's watermark is the minimum over its
/// clickstream, transactions and inventory partitions; demand (repartitioned through Kafka) has its own, the minimum
/// over the producing tasks of the watermarks they write into the demand topic (docs/architecture.md). Called on the
/// consume thread only.
/// </summary>
internal sealed partial class EnginePartitionTask : IPartitionTask
{
    private readonly EngineContext _context;
    private readonly PartitionStreams _streams;
    private readonly WatermarkTracker _watermarks;
    private readonly RepartitionWatermark _demandWatermark;
    private readonly DuplicateFilter[] _duplicates;
    private readonly DemandRedeliveryFilter _redeliveries;
    private readonly WatermarkCheckpoint _restoredWatermarks;
    private readonly long[] _replayEnd = [-1, -1, -1, -1];
    private readonly long[] _nextOffset = [-1, -1, -1, -1];
    private readonly IDisposable _features;
    private long[] _checkpointed = [-1, -1, -1, -1];
    private long _nextCheckpointTicks;
    private bool _drained;
    private long _lastWatermark = long.MinValue;
    private long _lastDemandWatermark = long.MinValue;
    private long _publishedWatermark;

    public EnginePartitionTask(int partition, EngineContext context)
    {
        Partition = partition;
        _context = context;
        _watermarks = new WatermarkTracker(context.EventTime.AllowedOutOfOrderness, context.EventTime.IdleTimeout, context.Time);
        foreach (var topic in (ReadOnlySpan<InputTopic>)[InputTopic.Clickstream, InputTopic.Transactions, InputTopic.Inventory])
        {
            _watermarks.AddPartition((int)topic);
        }

        _demandWatermark = new RepartitionWatermark(context.Topics.ClickstreamPartitions, context.EventTime.IdleTimeout, context.Time);
        (_streams, _features, _duplicates, _redeliveries, _restoredWatermarks) = Restore(partition, context);
        _redeliveries.ReplayBelow(_replayEnd[(int)InputTopic.Demand]);
        _nextCheckpointTicks = NextCheckpointTicks();
    }

    public int Partition { get; }

    public bool ReplayFromStart { get; private set; }

    /// <summary>The task's event-time watermark in epoch ms (0 before the first, never the drain value); any thread.</summary>
    public long WatermarkMs => Volatile.Read(ref _publishedWatermark);

    /// <summary>Keys held by this task's window and session operators (for the state-memory benchmark).</summary>
    internal long StateCount => _streams.StateCount;

    public void Process(ConsumeResult<byte[], byte[]> record)
    {
        _streams.CurrentRecordTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        var topic = _context.InputTopicOf(record.Topic);
        var index = (int)topic;
        _nextOffset[index] = record.Offset.Value + 1;
        var bytes = record.Message.Value ?? [];
        var referenceMs = record.Message.Timestamp.UnixTimestampMs;
        _context.CountConsumed(topic);

        switch (topic)
        {
            case InputTopic.Clickstream:
                var clickResult = _context.ClickDecoder.TryDecode(bytes, referenceMs, out var click);
                Push(_streams.ClickInput, click, click.TimeMs, click.EventId, clickResult, record, topic);
                break;
            case InputTopic.Transactions:
                var paymentResult = _context.PaymentDecoder.TryDecode(bytes, referenceMs, out var payment);
                Push(_streams.PaymentInput, payment, payment.TimeMs, payment.EventId, paymentResult, record, topic);
                break;
            case InputTopic.Demand:
                var demandResult = _context.DemandDecoder.TryDecode(bytes, referenceMs, out var demand);
                if (demandResult.IsOk && demand.IsWatermark)
                {
                    OnProducerWatermark(record, demand);
                }
                else if (AcceptDemand(record, demandResult, demand.Source))
                {
                    _streams.DemandInput.OnNext(StreamItem.Event(demand.Demand, demand.TimeMs, _lastDemandWatermark, record.Offset.Value));
                }

                break;
            default:
                var stockResult = _context.InventoryDecoder.TryDecode(bytes, referenceMs, out var stock);
                Push(_streams.InventoryInput, stock, stock.TimeMs, stock.EventId, stockResult, record, topic);
                break;
        }

        _context.ObserveProcessing(topic, _streams.CurrentRecordTimestamp);
    }

    public void OnTick()
    {
        var watermark = _watermarks.OnIdleCheck();
        if (watermark > _lastWatermark)
        {
            _lastWatermark = watermark;
            Publish(watermark);
            _streams.Punctuate(watermark);
        }

        AdvanceDemand(_demandWatermark.OnIdleCheck(_lastWatermark));
    }

    public void Checkpoint(bool force)
    {
        var store = _context.Checkpoints;
        if (store is null || _drained || !_streams.HasCheckpointedState || (!force && _context.Time.GetTimestamp() < _nextCheckpointTicks))
        {
            return;
        }

        _nextCheckpointTicks = NextCheckpointTicks();

        // After a restore the replay from the committed offset skips what the state already holds, so its position
        // is the furthest of the two.
        var positions = new long[_checkpointed.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = Math.Max(_nextOffset[i], _checkpointed[i]);
        }

        if (positions.AsSpan().SequenceEqual(_checkpointed))
        {
            return;
        }

        var start = Stopwatch.GetTimestamp();
        var image = _streams.Capture(positions).Encode();
        store.Save(Partition, image, Describe(positions));
        _checkpointed = positions;
        _context.Metrics.CheckpointWrites.Inc();
        _context.Metrics.CheckpointBytes.Set(image.Length);
        _context.Metrics.CheckpointWriteDuration.ObserveElapsed(start);
    }

    public void Drain()
    {
        _drained = true;
        _lastWatermark = long.MaxValue;
        _lastDemandWatermark = long.MaxValue;
        _streams.Punctuate(long.MaxValue);
        _streams.PunctuateDemand(long.MaxValue);

        // End of input: the ordered features (funnel, profiles, intent) signal their last results downstream by
        // completion, not by an infinite watermark, so the funnel's minute windows only fire on OnCompleted.
        _streams.Complete();
    }

    public long? CommittableOffset(string topic)
    {
        var input = _context.InputTopicOf(topic);
        var next = _nextOffset[(int)input];
        if (next < 0)
        {
            return null;
        }

        var committable = Math.Min(next, _streams.OldestOpenOffset(input));
        if (_context.Checkpoints is not null && _streams.HasCheckpointedState)
        {
            // Never past the checkpoint: a restart must not skip records the restored state has not seen.
            var checkpointed = _checkpointed[(int)input];
            if (checkpointed < 0)
            {
                return null;
            }

            committable = Math.Min(committable, checkpointed);
        }

        return committable;
    }

    public void Dispose()
    {
        _context.Removed(this);
        _features.Dispose();
        _streams.Dispose();
    }

    private void Push<T>(
        IObserver<StreamItem<T>> input, in T evt, long timeMs, ulong eventId, DecodeResult result, ConsumeResult<byte[], byte[]> record, InputTopic topic)
    {
        if (Accept(record, topic, result, eventId, timeMs))
        {
            input.OnNext(StreamItem.Event(evt, timeMs, _lastWatermark, record.Offset.Value));
        }
    }

    /// <summary>A producing task's watermark record: advances the demand watermark; never an event.</summary>
    private void OnProducerWatermark(ConsumeResult<byte[], byte[]> record, in DemandMessage message)
    {
        if (message.SourcePartition >= _demandWatermark.Producers)
        {
            // No such clickstream partition: a corrupt record, or the topic grew after start-up (restart to pick it up).
            _context.DeadLetters.Publish(record, DecodeStatus.InvalidValue, "source_partition");
            _context.CountDeadLettered(InputTopic.Demand, DecodeStatus.InvalidValue);
            return;
        }

        AdvanceDemand(_demandWatermark.OnProducerWatermark(message.SourcePartition, message.TimeMs));
    }

    private void AdvanceDemand(long watermarkMs)
    {
        if (watermarkMs > _lastDemandWatermark)
        {
            _lastDemandWatermark = watermarkMs;
            _streams.PunctuateDemand(watermarkMs);
        }
    }

    private bool Accept(ConsumeResult<byte[], byte[]> record, InputTopic topic, DecodeResult result, ulong eventId, long timeMs)
    {
        if (result.IsOk && _duplicates[(int)topic].IsDuplicate(eventId, timeMs, record.Offset.Value))
        {
            result = DecodeResult.Fail(DecodeStatus.Duplicate, "event_id");
        }

        if (!result.IsOk)
        {
            DeadLetter(record, topic, result);
            return false;
        }

        if (record.Offset.Value >= _replayEnd[(int)topic])
        {
            _restoredWatermarks.OnReplayPassed(topic);
        }

        var watermark = _watermarks.OnEvent((int)topic, timeMs);
        if (watermark > _lastWatermark)
        {
            _lastWatermark = watermark;
            Publish(watermark);
        }

        return true;
    }

    /// <summary>
    /// Demand is the engine's own output, re-keyed: a record at or before its producer's last position is a
    /// re-production after that producer restarted, dropped and counted, not bad input. Demand does not move the task's
    /// watermark: its producers' watermark records do.
    /// </summary>
    private bool AcceptDemand(ConsumeResult<byte[], byte[]> record, DecodeResult result, in DemandSource source)
    {
        if (!result.IsOk)
        {
            DeadLetter(record, InputTopic.Demand, result);
            return false;
        }

        if (_redeliveries.IsRedelivery(source, record.Offset.Value))
        {
            _context.Metrics.DemandRedeliveries.Inc();
            return false;
        }

        return true;
    }

    private void DeadLetter(ConsumeResult<byte[], byte[]> record, InputTopic topic, DecodeResult result)
    {
        _context.DeadLetters.Publish(record, result.Status, result.Field);
        _context.CountDeadLettered(topic, result.Status);
    }

    private void Publish(long watermarkMs)
    {
        if (watermarkMs is > 0 and < long.MaxValue)
        {
            Volatile.Write(ref _publishedWatermark, watermarkMs);
        }
    }

    /// <summary>
    /// Builds the task's streams and features from its checkpoint. Without a usable one (none yet, or unreadable) the
    /// long-lived state starts empty and the partitions are replayed from the start of retention instead.
    /// </summary>
    private Pipelines Restore(int partition, EngineContext context)
    {
        var store = context.Checkpoints;
        if (store is null)
        {
            return Attach(partition, context, _watermarks, null);
        }

        string outcome;
        try
        {
            var image = store.Load(partition);
            if (image is not null)
            {
                var checkpoint = PartitionCheckpoint.Decode(image);
                var restored = Attach(partition, context, _watermarks, checkpoint);
                _checkpointed = [.. checkpoint.Positions];
                checkpoint.Positions.CopyTo(_replayEnd);
                context.Metrics.CheckpointRestores.WithLabels("restored").Inc();
                LogRestored(context.Outputs.Logger, partition, Describe(checkpoint.Positions));
                return restored;
            }

            outcome = "missing";
        }
        catch (InvalidDataException ex)
        {
            outcome = "corrupt";
            LogCorrupt(context.Outputs.Logger, partition, ex.Message);
        }

        var fresh = Attach(partition, context, _watermarks, null);
        ReplayFromStart = fresh.Streams.HasCheckpointedState;
        context.Metrics.CheckpointRestores.WithLabels(outcome).Inc();
        return fresh;
    }

    private static Pipelines Attach(int partition, EngineContext context, WatermarkTracker watermarks, PartitionCheckpoint? checkpoint)
    {
        var streams = new PartitionStreams(partition, checkpoint);
        try
        {
            var restoredWatermarks = new WatermarkCheckpoint(watermarks);
            streams.Checkpointed("watermarks", restoredWatermarks);

            // The filters are checkpointed with the features' state: a replay must de-duplicate as the first run did.
            var duplicates = ((InputTopic[])[InputTopic.Clickstream, InputTopic.Transactions, InputTopic.Inventory])
                .Select(topic =>
                {
                    var filter = new DuplicateFilter(context.Decoding.DuplicateHorizon);
                    streams.Checkpointed($"duplicates.{topic}", filter);
                    return filter;
                })
                .ToArray();
            var redeliveries = new DemandRedeliveryFilter();
            streams.Checkpointed("demand.redeliveries", redeliveries);
            return new Pipelines(streams, context.Features.Attach(streams, context.Outputs), duplicates, redeliveries, restoredWatermarks);
        }
        catch
        {
            streams.Dispose();
            throw;
        }
    }

    // In the context's clock units: its TimestampFrequency need not be the Stopwatch's.
    private long NextCheckpointTicks() =>
        _context.Time.GetTimestamp() + (long)(_context.Options.Checkpoints.Interval.TotalSeconds * _context.Time.TimestampFrequency);

    private string Describe(long[] positions) =>
        string.Join(',', Enum.GetValues<InputTopic>().Select(t => string.Create(CultureInfo.InvariantCulture, $"{_context.Options.Kafka.InputTopics[(int)t]}={positions[(int)t]}")));

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition}: state restored from its checkpoint ({Positions})")]
    private static partial void LogRestored(ILogger logger, int partition, string positions);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition {Partition}: checkpoint unusable ({Reason}); rebuilding its state from the start of retention")]
    private static partial void LogCorrupt(ILogger logger, int partition, string reason);

    /// <summary>What a task builds from its checkpoint (or from nothing).</summary>
    private sealed record Pipelines(
        PartitionStreams Streams, IDisposable Features, DuplicateFilter[] Duplicates, DemandRedeliveryFilter Redeliveries, WatermarkCheckpoint Watermarks);
}
