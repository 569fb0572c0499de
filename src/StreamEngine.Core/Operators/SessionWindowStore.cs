using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Features;

namespace StreamEngine.Core.Operators;

/// <summary>
/// The checkpointed state of one <c>SessionWindow</c> operator: its watermark and every session it still holds (open,
/// or emitted and within grace). Sessions outlive any replay a restart can afford: a replay from the committed offset
/// would start inside sessions already written and freed and write their tails as new sessions. So the feature
/// registers this store with the partition's checkpoint, passes it to <c>SessionWindow</c> and feeds the operator only
/// the records after the checkpoint. One store per operator subscription.
/// </summary>
public sealed class SessionWindowStore<TKey, TState> : ICheckpointState
    where TKey : notnull
{
    private const byte FormatVersion = 1;
    private readonly ICheckpointCodec<TKey> _keys;
    private readonly ICheckpointCodec<TState> _states;
    private ISessionWindowSnapshot<TKey, TState>? _operator;
    private SessionWindowImage<TKey, TState> _restored = SessionWindowImage<TKey, TState>.Empty;

    public SessionWindowStore(ICheckpointCodec<TKey> keys, ICheckpointCodec<TState> states)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(states);
        _keys = keys;
        _states = states;
    }

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var image = _operator?.Capture() ?? _restored;
        writer.Write(FormatVersion);
        writer.Write(image.WatermarkMs);
        writer.Write(image.EmittedWatermarkMs);
        writer.Write7BitEncodedInt(image.Sessions.Count);
        foreach (var session in image.Sessions)
        {
            _keys.Write(writer, session.Key);
            writer.Write(session.StartMs);
            writer.Write(session.EndMs);
            writer.Write7BitEncodedInt64(session.Entry.Count);
            writer.Write(session.Entry.MinOffset);
            writer.Write((byte)((session.Fired ? 1 : 0) | (session.Emitted ? 2 : 0)));
            _states.Write(writer, session.Entry.State);
        }
    }

    public void Restore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (_operator is not null)
        {
            throw new InvalidOperationException("Restore the store before the operator subscribes.");
        }

        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Session window checkpoint has format version {version}; this build reads version {FormatVersion}.");
        }

        var watermarkMs = reader.ReadInt64();
        var emittedWatermarkMs = reader.ReadInt64();
        var count = new FeatureStateReader(reader.BaseStream).ReadCount();

        var sessions = new List<SavedSession<TKey, TState>>(count);
        var lastEnd = new Dictionary<TKey, long>();
        for (var i = 0; i < count; i++)
        {
            var key = _keys.Read(reader);
            var startMs = reader.ReadInt64();
            var endMs = reader.ReadInt64();
            var entry = new PaneEntry<TState> { Count = reader.Read7BitEncodedInt64(), MinOffset = reader.ReadInt64() };
            var flags = reader.ReadByte();
            entry.State = _states.Read(reader);
            if (endMs <= startMs || entry.Count <= 0 || flags > 3)
            {
                throw new InvalidDataException($"Session [{startMs}, {endMs}) with {entry.Count} events and flags {flags} is impossible.");
            }

            if (lastEnd.TryGetValue(key, out var previousEnd) && previousEnd > startMs)
            {
                throw new InvalidDataException($"Saved sessions of one key overlap or are out of order at {startMs}.");
            }

            lastEnd[key] = endMs;

            sessions.Add(new SavedSession<TKey, TState>(key, startMs, endMs, entry, (flags & 1) != 0, (flags & 2) != 0));
        }

        _restored = new SessionWindowImage<TKey, TState>(watermarkMs, emittedWatermarkMs, sessions);
    }

    /// <summary>Hands the restored sessions to the operator now subscribing; later saves read the operator.</summary>
    internal SessionWindowImage<TKey, TState> Attach(ISessionWindowSnapshot<TKey, TState> sessionOperator)
    {
        if (_operator is not null)
        {
            throw new InvalidOperationException("This SessionWindowStore already holds an operator's sessions; build one store per subscription.");
        }

        _operator = sessionOperator;
        var restored = _restored;
        _restored = SessionWindowImage<TKey, TState>.Empty;
        return restored;
    }
}

/// <summary>A session operator whose state a <see cref="SessionWindowStore{TKey, TState}"/> saves.</summary>
internal interface ISessionWindowSnapshot<TKey, TState>
{
    SessionWindowImage<TKey, TState> Capture();
}

/// <summary>A session operator's state between records: its watermarks and its sessions, per key in ascending start.</summary>
internal sealed record SessionWindowImage<TKey, TState>(long WatermarkMs, long EmittedWatermarkMs, IReadOnlyList<SavedSession<TKey, TState>> Sessions)
{
    public static readonly SessionWindowImage<TKey, TState> Empty = new(long.MinValue, long.MinValue, []);
}

/// <summary>One held session as saved.</summary>
internal readonly record struct SavedSession<TKey, TState>(TKey Key, long StartMs, long EndMs, PaneEntry<TState> Entry, bool Fired, bool Emitted);
