namespace StreamEngine.Core.Events;

/// <summary>
/// Per-partition de-duplication of event ids within a horizon in event time. An id seen again while its first
/// occurrence is within <see cref="Horizon"/> of the latest event time seen is a duplicate (dead-lettered with
/// <see cref="DecodeStatus.Duplicate"/>); beyond the horizon the id has been forgotten and the event is counted again.
/// Events already older than the latest time minus the horizon are never remembered. Memory is bounded by the ids
/// inside the horizon and by <see cref="MaxEntries"/> (the oldest-remembered are forgotten first).
/// Not thread-safe: one per partition, called on its consume thread.
/// </summary>
public sealed class DuplicateFilter
{
    private readonly HashSet<ulong> _ids;

    // Remembered ids in arrival order; with mostly ordered event times this is also expiry order. An out-of-order
    // entry waits behind newer ones, which only keeps it longer (never forgets an id early).
    private readonly Queue<(ulong Id, long TimeMs)> _order;
    private readonly long _horizonMs;

    // Latest event time seen minus the horizon: ids with older times are forgotten.
    private long _cutoffMs = long.MinValue / 2; // "nothing seen yet", far enough from MinValue that + horizon cannot overflow

    /// <summary>Creates a filter; the default horizon is 10 minutes and at most 1,000,000 ids are remembered.</summary>
    public DuplicateFilter(TimeSpan? horizon = null, int maxEntries = 1_000_000)
    {
        Horizon = horizon ?? TimeSpan.FromMinutes(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Horizon, TimeSpan.Zero, nameof(horizon));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        MaxEntries = maxEntries;
        _horizonMs = (long)Horizon.TotalMilliseconds;
        _ids = [];
        _order = new Queue<(ulong, long)>();
    }

    /// <summary>How far back in event time ids are remembered.</summary>
    public TimeSpan Horizon { get; }

    /// <summary>The most ids remembered at once.</summary>
    public int MaxEntries { get; }

    /// <summary>The number of ids remembered now.</summary>
    public int Count => _ids.Count;

    /// <summary>True if <paramref name="eventId"/> was seen within the horizon; otherwise remembers it and returns false.</summary>
    public bool IsDuplicate(ulong eventId, long timeMs)
    {
        // Advance the horizon first, so an id whose first occurrence just fell out of it is counted again.
        if (timeMs > _cutoffMs + _horizonMs)
        {
            _cutoffMs = timeMs - _horizonMs;
            Expire();
        }

        if (_ids.Contains(eventId))
        {
            return true;
        }

        if (timeMs < _cutoffMs)
        {
            return false; // already beyond the horizon: it would be forgotten at once
        }

        if (_ids.Count >= MaxEntries)
        {
            _ids.Remove(_order.Dequeue().Id);
        }

        _ids.Add(eventId);
        _order.Enqueue((eventId, timeMs));
        return false;
    }

    private void Expire()
    {
        while (_order.TryPeek(out var oldest) && oldest.TimeMs < _cutoffMs)
        {
            _order.Dequeue();
            _ids.Remove(oldest.Id);
        }
    }
}
