using Confluent.Kafka;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Engine;

/// <summary>
/// One partition number's share of the engine: decodes its records, quarantines bad ones, stamps each event with the
/// task's watermark and pushes it through the features' pipelines. Called on the consume thread only.
/// </summary>
internal sealed class EnginePartitionTask : IPartitionTask
{
    private readonly EngineContext _context;
    private readonly PartitionStreams _streams;
    private readonly WatermarkTracker _watermarks;
    private readonly DuplicateFilter[] _duplicates;
    private readonly long[] _nextOffset = [-1, -1, -1, -1];
    private readonly IDisposable _features;
    private long _lastWatermark = long.MinValue;
    private long _publishedWatermark;

    public EnginePartitionTask(int partition, EngineContext context)
    {
        Partition = partition;
        _context = context;
        _streams = new PartitionStreams(partition);
        _watermarks = new WatermarkTracker(context.EventTime.AllowedOutOfOrderness, context.EventTime.IdleTimeout, context.Time);
        foreach (var topic in Enum.GetValues<InputTopic>())
        {
            _watermarks.AddPartition((int)topic);
        }

        _duplicates = [NewDuplicateFilter(context), NewDuplicateFilter(context), NewDuplicateFilter(context), NewDuplicateFilter(context)];
        _features = context.Features.Attach(_streams, context.Outputs);
    }

    public int Partition { get; }

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
                Push(_streams.DemandInput, demand.Demand, demand.TimeMs, demand.EventId, demandResult, record, topic);
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
    }

    public void Drain()
    {
        _lastWatermark = long.MaxValue;
        _streams.Punctuate(long.MaxValue);

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

        return Math.Min(next, _streams.OldestOpenOffset(input));
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

    private bool Accept(ConsumeResult<byte[], byte[]> record, InputTopic topic, DecodeResult result, ulong eventId, long timeMs)
    {
        if (result.IsOk && _duplicates[(int)topic].IsDuplicate(eventId, timeMs))
        {
            result = DecodeResult.Fail(DecodeStatus.Duplicate, "event_id");
        }

        if (!result.IsOk)
        {
            _context.DeadLetters.Publish(record, result.Status, result.Field);
            _context.CountDeadLettered(topic, result.Status);
            return false;
        }

        var watermark = _watermarks.OnEvent((int)topic, timeMs);
        if (watermark > _lastWatermark)
        {
            _lastWatermark = watermark;
            Publish(watermark);
        }

        return true;
    }

    private void Publish(long watermarkMs)
    {
        if (watermarkMs is > 0 and < long.MaxValue)
        {
            Volatile.Write(ref _publishedWatermark, watermarkMs);
        }
    }

    private static DuplicateFilter NewDuplicateFilter(EngineContext context) => new(context.Decoding.DuplicateHorizon);
}
