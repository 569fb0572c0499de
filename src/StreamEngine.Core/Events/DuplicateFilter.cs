using StreamEngine.Core.Checkpoints;

namespace StreamEngine.Core.Events;

/// <summary>
/// Per-partition de-duplication of event ids within a horizon in event time. An id seen again while its first
/// occurrence is within <see cref="Horizon"/> of the latest event time seen is a duplicate (dead-lettered with
/// <see cref="DecodeStatus.Duplicate"/>); beyond the horizon the id has been forgotten and the event is counted again.
/// Events already older than the latest time minus the horizon are never remembered. Memory is bounded by the ids
/// inside the horizon and by <see cref="MaxEntries"/> (the oldest-remembered are forgotten first).
/// Not thread-safe: one per partition, called on its consume thread.
/// </summary>
/// <remarks>
/// Checkpointed with the partition's state. After a restore, the records the checkpoint already covers are consumed
/// again (the replay windows need). An id the checkpoint remembers gets the verdict the uninterrupted run gave it (a
/// duplicate exactly when it was first remembered at an earlier offset); any other id is judged by a filter rebuilt from
/// the replay alone, which only misses a first occurrence that precedes the replay and expired before the checkpoint.
/// </remarks>
public sealed class DuplicateFilter : ICheckpointState
{
    private const byte FormatVersion = 1;

    private readonly HashSet<ulong> _ids;

    // Remembered ids in arrival order; with mostly ordered event times this is also expiry order. An out-of-order
    // entry waits behind newer ones, which only keeps it longer (never forgets an id early).
    private readonly Queue<(ulong Id, long TimeMs, long Offset)> _order;
    private readonly long _horizonMs;

    // After a restore, for records below the checkpoint's position: the offset at which each restored id was first
    // remembered, and a filter of the replayed records for the others.
    private Dictionary<ulong, long>? _replay;
    private DuplicateFilter? _replayFilter;
    private long _replayBelow = -1;
    private long _nextOffset = -1;

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
        _order = new Queue<(ulong, long, long)>();
    }

    /// <summary>How far back in event time ids are remembered.</summary>
    public TimeSpan Horizon { get; }

    /// <summary>The most ids remembered at once.</summary>
    public int MaxEntries { get; }

    /// <summary>The number of ids remembered now.</summary>
    public int Count => _ids.Count;

    /// <summary>
    /// True if <paramref name="eventId"/> was seen within the horizon; otherwise remembers it and returns false.
    /// <paramref name="offset"/> is the record's position in its partition (-1 when unknown, outside Kafka).
    /// </summary>
    public bool IsDuplicate(ulong eventId, long timeMs, long offset = -1)
    {
        if (offset < _replayBelow && _replay is not null && _replayFilter is not null)
        {
            return _replay.TryGetValue(eventId, out var first) && first <= offset
                ? first < offset
                : _replayFilter.IsDuplicate(eventId, timeMs);
        }

        _replay = null;
        _replayFilter = null;
        _nextOffset = Math.Max(_nextOffset, offset + 1);

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
        _order.Enqueue((eventId, timeMs, offset));
        return false;
    }

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(FormatVersion);
        writer.Write(_cutoffMs);
        writer.Write(Math.Max(_nextOffset, _replayBelow));
        writer.Write(_order.Count);
        foreach (var (id, timeMs, offset) in _order)
        {
            writer.Write(id);
            writer.Write(timeMs);
            writer.Write(offset);
        }
    }

    public void Restore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadByte() != FormatVersion)
        {
            throw new InvalidDataException("Unknown duplicate-filter checkpoint version.");
        }

        _cutoffMs = reader.ReadInt64();
        _replayBelow = reader.ReadInt64();
        _nextOffset = _replayBelow;
        var count = reader.ReadInt32();
        if (count < 0 || count > MaxEntries)
        {
            throw new InvalidDataException($"A duplicate filter of at most {MaxEntries} ids cannot hold {count}.");
        }

        _ids.Clear();
        _order.Clear();
        _replay = new Dictionary<ulong, long>(count);
        _replayFilter = new DuplicateFilter(Horizon, MaxEntries);
        for (var i = 0; i < count; i++)
        {
            var entry = (Id: reader.ReadUInt64(), TimeMs: reader.ReadInt64(), Offset: reader.ReadInt64());
            if (!_ids.Add(entry.Id))
            {
                throw new InvalidDataException($"The duplicate filter's checkpoint repeats id {entry.Id}.");
            }

            _order.Enqueue(entry);
            _replay.Add(entry.Id, entry.Offset);
        }
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
