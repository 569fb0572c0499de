namespace StreamEngine.Core.Time;

/// <summary>
/// When a producing task writes its watermark into a repartition topic: whenever it has advanced into a new
/// <paramref name="stepMs"/> step (so a consumer closing buckets of that size learns at once that this producer passed
/// a bucket end), and otherwise at most every <paramref name="interval"/> of wall clock while it advances (so consumers
/// do not take the producer for idle). The value written is the watermark itself, never a wall-clock time. Called on
/// the consume thread only.
/// </summary>
public sealed class WatermarkBroadcastSchedule(long stepMs, TimeSpan interval, TimeProvider? timeProvider = null)
{
    private readonly long _stepMs = stepMs > 0 ? stepMs : throw new ArgumentOutOfRangeException(nameof(stepMs), stepMs, "must be positive");
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly long _intervalTicks = interval > TimeSpan.Zero
        ? (long)(interval.TotalSeconds * (timeProvider ?? TimeProvider.System).TimestampFrequency)
        : throw new ArgumentOutOfRangeException(nameof(interval), interval, "must be positive");

    private long _lastMs = long.MinValue;
    private long _lastTicks;

    /// <summary>The watermark last written; <see cref="long.MinValue"/> before the first.</summary>
    public long LastWrittenMs => _lastMs;

    /// <summary>
    /// True when <paramref name="watermarkMs"/> is to be written now (it is then taken as written); false when it has not
    /// advanced, is the end-of-input value <see cref="long.MaxValue"/> (a local drain, not a promise about the stream),
    /// or neither a new step nor the interval was reached.
    /// </summary>
    public bool ShouldWrite(long watermarkMs)
    {
        if (watermarkMs <= _lastMs || watermarkMs == long.MaxValue)
        {
            return false;
        }

        var now = _time.GetTimestamp();
        if (_lastMs != long.MinValue && Step(watermarkMs) == Step(_lastMs) && now - _lastTicks < _intervalTicks)
        {
            return false;
        }

        _lastMs = watermarkMs;
        _lastTicks = now;
        return true;
    }

    private long Step(long ms) => Math.DivRem(ms, _stepMs, out var rem) - (rem < 0 ? 1 : 0);
}
