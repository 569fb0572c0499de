using StreamEngine.Core.Checkpoints;

namespace StreamEngine.IntegrationTests.Checkpoints;

/// <summary>
/// The simplest long-lived state: clicks folded so far, plus a detector for folding a record twice (an offset at or
/// below the last one folded). Exact counts after restarts prove that nothing is lost or repeated.
/// </summary>
internal sealed class ClickCountState : ICheckpointState
{
    private const byte FormatVersion = 1;

    public long Count { get; private set; }

    /// <summary>Records folded whose offset was not above the last folded one: each is a double count.</summary>
    public long Refolded { get; private set; }

    public long LastOffset { get; private set; } = -1;

    public void Fold(long offset)
    {
        if (offset <= LastOffset)
        {
            Refolded++;
        }

        Count++;
        LastOffset = Math.Max(LastOffset, offset);
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(FormatVersion);
        writer.Write(Count);
        writer.Write(Refolded);
        writer.Write(LastOffset);
    }

    public void Restore(BinaryReader reader)
    {
        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Click count format {version} is not supported.");
        }

        Count = reader.ReadInt64();
        Refolded = reader.ReadInt64();
        LastOffset = reader.ReadInt64();
        if (Count < 0 || Refolded < 0 || LastOffset < -1)
        {
            throw new InvalidDataException("Impossible click count.");
        }
    }
}
