namespace StreamEngine.Core.Time;

/// <summary>
/// The event-time watermark of a stream repartitioned through Kafka (as in Flink and Kafka Streams): every producing
/// task writes its watermark into every partition of the topic, and the consumer's watermark is the minimum over the
/// producers (source partitions) of the latest one each wrote. A producer holds it back from the start until its first
/// watermark and stops holding it back after the idle timeout without one (wall clock), so a stalled producer cannot
/// block it forever; with every producer idle it follows the consuming task's own watermark. It never moves backwards.
/// Called on the consume thread only.
/// </summary>
public sealed class RepartitionWatermark
{
    private readonly ProducerState[] _producers;
    private readonly TimeProvider _time;
    private readonly long _idleTicks;
    private readonly long _maxGapTicks;
    private long _lastCallTicks;
    private long _watermarkMs = long.MinValue;

    /// <param name="producers">Source partitions 0 .. producers − 1 (the producing topic's partition count).</param>
    /// <param name="idleTimeout">Silence after which a producer no longer holds the watermark back.</param>
    /// <param name="timeProvider">The wall clock (system clock when null).</param>
    public RepartitionWatermark(int producers, TimeSpan idleTimeout, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(producers);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        _time = timeProvider ?? TimeProvider.System;
        _idleTicks = (long)(idleTimeout.TotalSeconds * _time.TimestampFrequency);
        _maxGapTicks = _idleTicks / 4;
        _lastCallTicks = _time.GetTimestamp();
        _producers = new ProducerState[producers];
        Array.Fill(_producers, new ProducerState { MaxMs = long.MinValue, LastSeenTicks = _lastCallTicks });
    }

    public int Producers => _producers.Length;

    /// <summary>The watermark in epoch ms; <see cref="long.MinValue"/> before the first.</summary>
    public long WatermarkMs => _watermarkMs;

    /// <summary>Records the watermark written by the producer of <paramref name="source"/> and returns the combined one.</summary>
    public long OnProducerWatermark(int source, long watermarkMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(source);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(source, Producers);
        var now = Now();
        ref var producer = ref _producers[source];
        producer.MaxMs = Math.Max(producer.MaxMs, watermarkMs);
        producer.LastSeenTicks = now;
        producer.Idle = false;
        return Update(now, long.MinValue);
    }

    /// <summary>
    /// Re-evaluates idleness against the wall clock and returns the watermark; <paramref name="taskWatermarkMs"/> (the
    /// consuming task's own watermark) is followed while every producer is idle.
    /// </summary>
    public long OnIdleCheck(long taskWatermarkMs) => Update(Now(), taskWatermarkMs);

    private long Now()
    {
        // A long gap between calls means the consumer itself was not reading (e.g. blocked while a sink outage lasted):
        // the producers' records may be waiting unread, so only the first quarter of the idle timeout of such a gap
        // counts as their silence. Otherwise every producer would look idle after the consumer's own stall.
        var now = _time.GetTimestamp();
        var excess = now - _lastCallTicks - _maxGapTicks;
        if (excess > 0)
        {
            for (var i = 0; i < _producers.Length; i++)
            {
                _producers[i].LastSeenTicks += excess;
            }
        }

        _lastCallTicks = now;
        return now;
    }

    private long Update(long nowTicks, long taskWatermarkMs)
    {
        var min = long.MaxValue;
        var anyActive = false;
        for (var i = 0; i < _producers.Length; i++)
        {
            ref var producer = ref _producers[i];
            producer.Idle |= nowTicks - producer.LastSeenTicks >= _idleTicks;
            if (!producer.Idle)
            {
                anyActive = true;
                min = Math.Min(min, producer.MaxMs);
            }
        }

        var candidate = anyActive ? min : taskWatermarkMs;
        if (candidate > _watermarkMs)
        {
            _watermarkMs = candidate;
        }

        return _watermarkMs;
    }

    private struct ProducerState
    {
        public long MaxMs;
        public long LastSeenTicks;
        public bool Idle;
    }
}
