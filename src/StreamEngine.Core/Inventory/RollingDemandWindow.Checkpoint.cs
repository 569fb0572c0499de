namespace StreamEngine.Core.Inventory;

/// <content>
/// Checkpoint form: the first day, then the occupied slots only (a slot's index follows from its day), each as
/// 7-bit-encoded day offset from the first day, units and revenue: about 6 bytes a bucket instead of 24.
/// </content>
public partial struct RollingDemandWindow
{
    internal readonly void Save(BinaryWriter writer)
    {
        var ring = _ring!;
        var occupied = 0;
        foreach (var slot in ring)
        {
            occupied += slot.Day == long.MinValue ? 0 : 1;
        }

        writer.Write(FirstDay);
        writer.Write(occupied);
        foreach (var slot in ring)
        {
            // Stale slots are kept too: their day is what makes older demand count as expired.
            if (slot.Day != long.MinValue)
            {
                writer.Write7BitEncodedInt64(slot.Day - FirstDay);
                writer.Write7BitEncodedInt64(slot.Units);
                writer.Write7BitEncodedInt64(slot.RevenueCents);
            }
        }
    }

    /// <summary>Reads a window written by <see cref="Save"/> into a ring of the given shape.</summary>
    internal static RollingDemandWindow Restore(BinaryReader reader, int buckets, int spareBuckets)
    {
        var window = new RollingDemandWindow(buckets, spareBuckets) { FirstDay = reader.ReadInt64() };
        var ring = window._ring!;
        var occupied = reader.ReadInt32();
        if (occupied < 0 || occupied > ring.Length)
        {
            throw new InvalidDataException($"A demand window holds {occupied} buckets; its ring has {ring.Length}.");
        }

        for (var i = 0; i < occupied; i++)
        {
            // Every bucket is at or after the first day (Add lowers the first day to it).
            var offset = reader.Read7BitEncodedInt64();
            if (offset < 0 || window.FirstDay > long.MaxValue - offset)
            {
                throw new InvalidDataException($"A demand bucket {offset} days after the first day {window.FirstDay}.");
            }

            var day = window.FirstDay + offset;
            ref var slot = ref ring[(int)(((day % ring.Length) + ring.Length) % ring.Length)];
            if (slot.Day != long.MinValue)
            {
                throw new InvalidDataException($"A demand window holds buckets {slot.Day} and {day} in one slot.");
            }

            slot = new DayBucket(day, reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64());
        }

        return window;
    }
}
