using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Features;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// Drops demand records a producing task wrote again after a restart. Kafka outputs are at least once: a producer that
/// restarts from its checkpoint re-derives demand from purchases and refunds it had already re-keyed, copies that can
/// be hours of event time apart, far beyond any event-id horizon. Each record names its source position (partition,
/// offset, refund line) and a producer derives them in source order, so per producer and kind the filter remembers the
/// positions seen within <see cref="ReorderWindow"/> source offsets of the furthest one: a position seen again, or one
/// further back than the window, is a re-production. The window is there because a delivery that failed is produced
/// again after later records (KafkaOutput), so a new position may arrive after greater ones. Checkpointed with the
/// safety-stock state it protects. Not thread-safe: one per partition task.
/// </summary>
/// <remarks>
/// Records below the restored checkpoint's demand position are not judged (nor remembered): the state they feed
/// already holds them and skips them, and the positions restored already cover them.
/// </remarks>
public sealed class DemandRedeliveryFilter : ICheckpointState
{
    /// <summary>How far (in source offsets) a new position may trail the furthest one seen and still be new.</summary>
    public const long ReorderWindow = 1_000_000;

    private const byte FormatVersion = 2;
    private readonly Dictionary<(DemandSourceKind Kind, int Partition), Producer> _producers = [];
    private long _replayBelow = -1;

    /// <summary>Producers (partition and kind) seen so far.</summary>
    public int Count => _producers.Count;

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

        if (!_producers.TryGetValue((source.Kind, source.Partition), out var producer))
        {
            producer = new Producer(source.Offset);
            _producers.Add((source.Kind, source.Partition), producer);
        }

        return !producer.TryAdd(source.Offset, source.Line);
    }

    /// <summary>Sets the demand offset below which records are a replay of what the restored state holds.</summary>
    public void ReplayBelow(long offset) => _replayBelow = offset;

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(FormatVersion);
        writer.Write7BitEncodedInt(_producers.Count);
        foreach (var ((kind, partition), producer) in _producers)
        {
            writer.Write((byte)kind);
            writer.Write7BitEncodedInt(partition);
            writer.Write7BitEncodedInt64(producer.FurthestOffset);
            writer.Write7BitEncodedInt(producer.Seen.Count);
            foreach (var (sourceOffset, line) in producer.Seen)
            {
                writer.Write7BitEncodedInt64(sourceOffset);
                writer.Write7BitEncodedInt(line);
            }
        }
    }

    public void Restore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadByte() != FormatVersion)
        {
            throw new InvalidDataException("Unknown demand redelivery filter checkpoint version.");
        }

        var count = ReadCount(reader);
        _producers.Clear();
        for (var i = 0; i < count; i++)
        {
            var kind = (DemandSourceKind)reader.ReadByte();
            var partition = reader.Read7BitEncodedInt();
            var producer = new Producer(reader.Read7BitEncodedInt64());
            if (kind is not (DemandSourceKind.Purchase or DemandSourceKind.Refund) || partition < 0 || producer.FurthestOffset < 0
                || !_producers.TryAdd((kind, partition), producer))
            {
                throw new InvalidDataException($"Demand producer {kind} {partition} is impossible or repeated.");
            }

            var seen = ReadCount(reader);
            for (var j = 0; j < seen; j++)
            {
                var (sourceOffset, line) = (reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt());
                if (sourceOffset < 0 || sourceOffset > producer.FurthestOffset || line < 0 || !producer.Seen.Add((sourceOffset, line)))
                {
                    throw new InvalidDataException($"Demand position {sourceOffset}/{line} of producer {kind} {partition} is impossible or repeated.");
                }
            }
        }
    }

    private static int ReadCount(BinaryReader reader) => new FeatureStateReader(reader.BaseStream).ReadCount();

    /// <summary>One producer's positions of one kind: those within the window of the furthest, and the furthest offset.</summary>
    private sealed class Producer(long furthestOffset)
    {
        private long _prunedAt = furthestOffset;

        public HashSet<(long Offset, int Line)> Seen { get; } = [];

        public long FurthestOffset { get; private set; } = furthestOffset;

        public bool TryAdd(long offset, int line)
        {
            if (offset <= FurthestOffset - ReorderWindow || !Seen.Add((offset, line)))
            {
                return false;
            }

            if (offset > FurthestOffset)
            {
                FurthestOffset = offset;
                if (FurthestOffset - _prunedAt >= ReorderWindow / 4)
                {
                    // Forget positions that fell out of the window (amortised: a quarter window at a time).
                    _prunedAt = FurthestOffset;
                    Seen.RemoveWhere(p => p.Offset <= FurthestOffset - ReorderWindow);
                }
            }

            return true;
        }
    }
}
