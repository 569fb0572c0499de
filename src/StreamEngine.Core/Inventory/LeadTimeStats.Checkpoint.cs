namespace StreamEngine.Core.Inventory;

/// <content>Checkpoint form: the receipt count and the ring's filled slots, in slot order (sums stay bit-identical).</content>
public partial struct LeadTimeStats
{
    internal readonly void Save(BinaryWriter writer)
    {
        var ring = _ring!;
        writer.Write(Count);
        for (var i = 0; i < Math.Min(Count, ring.Length); i++)
        {
            writer.Write(ring[i]);
        }
    }

    /// <summary>Reads statistics written by <see cref="Save"/> into a ring of <paramref name="capacity"/> receipts.</summary>
    internal static LeadTimeStats Restore(BinaryReader reader, int capacity)
    {
        var stats = new LeadTimeStats(capacity) { Count = reader.ReadInt64() };
        if (stats.Count < 1)
        {
            throw new InvalidDataException($"Lead-time statistics of {stats.Count} receipts (at least one is needed to exist).");
        }

        var ring = stats._ring!;
        for (var i = 0; i < Math.Min(stats.Count, ring.Length); i++)
        {
            var days = reader.ReadDouble();
            if (!double.IsFinite(days) || days < 0)
            {
                throw new InvalidDataException($"A lead time of {days} days.");
            }

            ring[i] = days;
        }

        return stats;
    }
}
