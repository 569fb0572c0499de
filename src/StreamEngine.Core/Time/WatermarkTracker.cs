namespace StreamEngine.Core.Time;

/// <summary>
/// Event-time watermark of one consumer: per input partition, the maximum event time seen minus the allowed
/// out-of-orderness; combined, the minimum over the active partitions. A partition without an event for the idle
/// timeout (wall clock, from the <see cref="TimeProvider"/>) is left out until it receives data again, so an idle
/// partition cannot stall the watermark; the watermark never moves backwards. Called on the consume thread only.
/// </summary>
public sealed class WatermarkTracker
{
    private readonly Dictionary<int, PartitionState> _partitions = [];
    private readonly long _outOfOrdernessMs;
    private readonly long _idleTimeoutTicks;
    private readonly TimeProvider _timeProvider;
    private long _watermarkMs = long.MinValue;

    public WatermarkTracker(TimeSpan allowedOutOfOrderness, TimeSpan idleTimeout, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(allowedOutOfOrderness, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _outOfOrdernessMs = (long)allowedOutOfOrderness.TotalMilliseconds;
        _idleTimeoutTicks = (long)(idleTimeout.TotalSeconds * _timeProvider.TimestampFrequency);
    }

    /// <summary>The combined watermark in epoch ms; <see cref="long.MinValue"/> until every active partition has data.</summary>
    public long WatermarkMs => _watermarkMs;

    /// <summary>Partitions currently taking part in the minimum (assigned and not idle).</summary>
    public int ActivePartitionCount
    {
        get
        {
            var count = 0;
            foreach (var state in _partitions.Values)
            {
                count += state.Idle ? 0 : 1;
            }

            return count;
        }
    }

    /// <summary>
    /// Registers an assigned partition. Until its first event it holds the watermark back, for at most the idle
    /// timeout (as in Flink), so a slow partition's first events are not all late.
    /// </summary>
    public void AddPartition(int partition)
    {
        ref var state = ref CollectionsMarshalRef(partition, out var exists);
        if (!exists)
        {
            state = new PartitionState { MaxEventMs = long.MinValue, LastSeenTicks = _timeProvider.GetTimestamp() };
        }
    }

    /// <summary>Forgets a revoked partition; the watermark stays where it is.</summary>
    public void RemovePartition(int partition)
    {
        _partitions.Remove(partition);
        Recompute(_timeProvider.GetTimestamp());
    }

    /// <summary>Records an event of <paramref name="partition"/> (registering it if new) and returns the watermark.</summary>
    public long OnEvent(int partition, long eventTimeMs)
    {
        var now = _timeProvider.GetTimestamp();
        ref var state = ref CollectionsMarshalRef(partition, out var exists);
        if (!exists)
        {
            state.MaxEventMs = long.MinValue;
        }

        var advanced = eventTimeMs > state.MaxEventMs;
        var wasIdle = state.Idle;
        state.MaxEventMs = Math.Max(state.MaxEventMs, eventTimeMs);
        state.LastSeenTicks = now;
        state.Idle = false;
        if (advanced || wasIdle || !exists)
        {
            Recompute(now);
        }

        return _watermarkMs;
    }

    /// <summary>The greatest event time seen on <paramref name="partition"/>, or <see cref="long.MinValue"/> for none.</summary>
    public long MaxEventMs(int partition) =>
        _partitions.TryGetValue(partition, out var state) ? state.MaxEventMs : long.MinValue;

    /// <summary>
    /// Re-evaluates idleness against the wall clock and returns the watermark; call it when a poll returns no message,
    /// so the watermark advances past idle partitions even while no event arrives.
    /// </summary>
    public long OnIdleCheck()
    {
        Recompute(_timeProvider.GetTimestamp());
        return _watermarkMs;
    }

    private ref PartitionState CollectionsMarshalRef(int partition, out bool exists) =>
        ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_partitions, partition, out exists);

    private void Recompute(long nowTicks)
    {
        var min = long.MaxValue;
        var any = false;
        foreach (var partition in _partitions.Keys)
        {
            ref var state = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_partitions, partition);
            if (!state.Idle && nowTicks - state.LastSeenTicks >= _idleTimeoutTicks)
            {
                state.Idle = true;
            }

            if (state.Idle)
            {
                continue;
            }

            any = true;
            var candidate = state.MaxEventMs == long.MinValue ? long.MinValue : state.MaxEventMs - _outOfOrdernessMs;
            min = Math.Min(min, candidate);
        }

        if (any && min > _watermarkMs)
        {
            _watermarkMs = min;
        }
    }

    private struct PartitionState
    {
        public long MaxEventMs;
        public long LastSeenTicks;
        public bool Idle;
    }
}
