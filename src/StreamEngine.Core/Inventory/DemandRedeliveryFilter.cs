using StreamEngine.Core.Checkpoints;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// Drops demand records a producing task wrote again after a restart. Kafka outputs are at least once: a producer that
/// restarts from its checkpoint re-derives demand from purchases and refunds it had already re-keyed. Its records of
/// one kind reach a demand partition in ascending source position, so a record at or below the last position seen from
/// that producer and kind is a re-production. Event-id de-duplication cannot catch these: the copies can be hours of
/// event time apart. Checkpointed with the safety-stock state it protects. Not thread-safe: one per partition task.
/// </summary>
/// <remarks>
/// Records below the restored checkpoint's demand position are not judged (nor remembered): the state they feed
/// already holds them and skips them, and the positions restored already cover them.
/// </remarks>
public sealed class DemandRedeliveryFilter : ICheckpointState
{
    private const byte FormatVersion = 1;
    private readonly Dictionary<(DemandSourceKind Kind, int Partition), DemandSource> _last = [];
    private long _replayBelow = -1;

    /// <summary>Producers (partition and kind) whose last position is remembered.</summary>
    public int Count => _last.Count;

    /// <summary>
    /// True when <paramref name="source"/> was already seen from its producer; otherwise remembers it. <paramref name="offset"/>
    /// is the demand record's own offset.
    /// </summary>
    public bool IsRedelivery(in DemandSource source, long offset)
    {
        if (source.Kind == DemandSourceKind.Unknown || offset < _replayBelow)
        {
            return false;
        }

        ref var last = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_last, (source.Kind, source.Partition), out var exists);
        if (exists && source.IsAtOrBefore(last))
        {
            return true;
        }

        last = source;
        return false;
    }

    /// <summary>Sets the demand offset below which records are a replay of what the restored state holds.</summary>
    public void ReplayBelow(long offset) => _replayBelow = offset;

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(FormatVersion);
        writer.Write7BitEncodedInt(_last.Count);
        foreach (var source in _last.Values)
        {
            writer.Write((byte)source.Kind);
            writer.Write7BitEncodedInt(source.Partition);
            writer.Write7BitEncodedInt64(source.Offset);
            writer.Write7BitEncodedInt(source.Line);
        }
    }

    public void Restore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadByte() != FormatVersion)
        {
            throw new InvalidDataException("Unknown demand redelivery filter checkpoint version.");
        }

        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"Demand producer count {count} does not fit the checkpoint.");
        }

        _last.Clear();
        for (var i = 0; i < count; i++)
        {
            var kind = (DemandSourceKind)reader.ReadByte();
            var source = new DemandSource(kind, reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt());
            if (kind is not (DemandSourceKind.Purchase or DemandSourceKind.Refund) || source.Partition < 0 || source.Offset < 0 || source.Line < 0
                || !_last.TryAdd((kind, source.Partition), source))
            {
                throw new InvalidDataException($"Demand producer {source} is impossible or repeated.");
            }
        }
    }
}
