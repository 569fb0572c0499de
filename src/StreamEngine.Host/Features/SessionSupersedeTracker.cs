using System.Runtime.InteropServices;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Features;

namespace StreamEngine.Host.Features;

/// <summary>
/// Remembers the identity (session id, start) last written for each session that can still change, and tells when a
/// re-emitted session has a new, earlier start that covers it: a late event within grace extended the session backwards
/// (or bridged it to an earlier one), so the row already in <c>sessions</c> under the old start is stale. ReplacingMergeTree
/// cannot delete it, so the caller overwrites it with a superseded marker of higher version. A session id may hold several
/// sessions over time (pauses of a gap or more); only the one still open is tracked, which is exact while
/// SessionGap ≥ Grace (two emitted sessions of one id can then never both be open). One instance per partition task,
/// checkpointed with the sessions operator: a restored session re-emitted under an earlier start must still be caught.
/// </summary>
internal sealed class SessionSupersedeTracker(TimeSpan gap, TimeSpan grace) : ICheckpointState
{
    private const byte FormatVersion = 1;
    private readonly long _lifetimeMs = (long)(gap + grace).TotalMilliseconds;
    private readonly Dictionary<ulong, (long StartMs, long EndMs)> _written = [];
    private readonly List<ulong> _expired = [];
    private long _nextSweepMs = long.MinValue;

    /// <summary>Tracked sessions (bounded by the sessions open within gap + grace).</summary>
    public int Count => _written.Count;

    /// <summary>
    /// Records <paramref name="row"/> as written; returns true with the marker for the stale identity when the row
    /// replaces an earlier-written session of the same id under an earlier start.
    /// </summary>
    public bool Observe(in SessionRow row, out SessionRow superseded)
    {
        ref var written = ref CollectionsMarshal.GetValueRefOrAddDefault(_written, row.SessionId, out var exists);
        var covers = exists && written.StartMs != row.StartMs && written.StartMs >= row.StartMs && written.StartMs <= row.EndMs;
        superseded = covers
            ? row with
            {
                StartMs = written.StartMs,
                EndMs = written.EndMs,
                DurationMs = written.EndMs - written.StartMs,
                Pages = 0,
                ProductViews = 0,
                CartAdds = 0,
                Converted = false,
                AbandonedCartMinor = 0,
            }
            : default;
        written = (row.StartMs, row.EndMs);
        return covers;
    }

    /// <summary>Forgets sessions that are final (watermark past last event + gap + grace).</summary>
    public void OnWatermark(long watermarkMs)
    {
        if (watermarkMs < _nextSweepMs)
        {
            return;
        }

        _nextSweepMs = watermarkMs == long.MaxValue ? long.MaxValue : watermarkMs + Math.Max(1, _lifetimeMs / 4);
        foreach (var (id, written) in _written)
        {
            if (written.EndMs + _lifetimeMs <= watermarkMs)
            {
                _expired.Add(id);
            }
        }

        foreach (var id in _expired)
        {
            _written.Remove(id);
        }

        _expired.Clear();
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(FormatVersion);
        writer.Write(_nextSweepMs);
        writer.Write7BitEncodedInt(_written.Count);
        foreach (var (id, written) in _written)
        {
            writer.Write(id);
            writer.Write(written.StartMs);
            writer.Write(written.EndMs);
        }
    }

    public void Restore(BinaryReader reader)
    {
        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Session identity checkpoint has format version {version}; this build reads version {FormatVersion}.");
        }

        _nextSweepMs = reader.ReadInt64();
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"Session identity count {count} does not fit the checkpoint.");
        }

        _written.Clear();
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadUInt64();
            var written = (StartMs: reader.ReadInt64(), EndMs: reader.ReadInt64());
            if (written.EndMs < written.StartMs || !_written.TryAdd(id, written))
            {
                throw new InvalidDataException($"Session identity {id} is repeated or ends before it starts.");
            }
        }
    }
}
