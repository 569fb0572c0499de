namespace StreamEngine.Core.Fraud;

/// <summary>
/// Compact checkpoint encodings of the fraud state's building blocks. Per-key structs are 1-1.6 KB but mostly empty,
/// so only occupied buckets and set entries are written; every read validates what it can and throws
/// <see cref="InvalidDataException"/> on values the live code could never have produced.
/// </summary>
internal static class FraudStateCodec
{
    private const byte WideValue = byte.MaxValue;

    /// <summary>Occupied buckets only (count &gt; 0): an empty slot behaves exactly like the default one.</summary>
    public static void WriteRing(BinaryWriter writer, ReadOnlySpan<CountBucket> ring)
    {
        byte occupied = 0;
        foreach (ref readonly var b in ring)
        {
            occupied += b.Count > 0 ? (byte)1 : (byte)0;
        }

        writer.Write(occupied);
        foreach (ref readonly var b in ring)
        {
            if (b.Count > 0)
            {
                writer.Write(b.Id);
                writer.Write7BitEncodedInt(b.Count);
                writer.Write7BitEncodedInt64(b.AmountCents);
            }
        }
    }

    /// <summary>Reads into a default ring; each bucket goes to the slot its number maps to, as <see cref="BucketRing.Add"/> puts it.</summary>
    public static void ReadRing(BinaryReader reader, Span<CountBucket> ring)
    {
        int occupied = reader.ReadByte();
        Check(occupied <= ring.Length, "a bucket ring has more buckets than slots");
        for (var i = 0; i < occupied; i++)
        {
            var id = reader.ReadInt32();
            Check(id >= 0, "a bucket number is negative");
            ref var slot = ref ring[id % ring.Length];
            Check(slot.Count == 0, "two buckets share a ring slot");
            slot.Id = id;
            slot.Count = reader.Read7BitEncodedInt();
            slot.AmountCents = reader.Read7BitEncodedInt64();
            Check(slot.Count > 0, "a bucket count is not positive");
        }
    }

    /// <summary>A mask of occupied entries, then those entries in slot order (the slot order decides LRU ties).</summary>
    public static void WriteSet(BinaryWriter writer, in RecentSet16 set)
    {
        ushort mask = 0;
        for (var i = 0; i < RecentSet16.Capacity; i++)
        {
            mask |= set[i].LastSeenMs != 0 ? (ushort)(1 << i) : (ushort)0;
        }

        writer.Write(mask);
        for (var i = 0; i < RecentSet16.Capacity; i++)
        {
            if (set[i].LastSeenMs != 0)
            {
                writer.Write(set[i].Key);
                writer.Write7BitEncodedInt64(set[i].LastSeenMs);
            }
        }
    }

    public static void ReadSet(BinaryReader reader, ref RecentSet16 set)
    {
        var mask = reader.ReadUInt16();
        for (var i = 0; i < RecentSet16.Capacity; i++)
        {
            if ((mask & (1 << i)) != 0)
            {
                set[i].Key = reader.ReadUInt64();
                set[i].LastSeenMs = reader.Read7BitEncodedInt64();
                Check(set[i].LastSeenMs != 0, "an occupied set entry has no last-seen time");
            }
        }
    }

    /// <summary>
    /// Small non-negative integers (counts, flags: most of a vector) as one byte, anything else as a marker and the
    /// 8-byte double, so every value comes back bit for bit.
    /// </summary>
    public static void WriteFeatures(BinaryWriter writer, in FraudFeatureVector features)
    {
        foreach (var value in (ReadOnlySpan<double>)features)
        {
            var small = (byte)Math.Clamp(value, 0, WideValue - 1);
            if (BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(small))
            {
                writer.Write(small);
            }
            else
            {
                writer.Write(WideValue);
                writer.Write(value);
            }
        }
    }

    public static FraudFeatureVector ReadFeatures(BinaryReader reader)
    {
        var features = default(FraudFeatureVector);
        Span<double> span = features;
        for (var i = 0; i < span.Length; i++)
        {
            var tag = reader.ReadByte();
            span[i] = tag == WideValue ? reader.ReadDouble() : tag;
        }

        return features;
    }

    /// <summary>Reads a count of items that take at least <paramref name="minBytesEach"/> bytes, checked against what is left.</summary>
    public static int ReadCount(BinaryReader reader, int minBytesEach)
    {
        var count = reader.ReadInt32();
        var left = reader.BaseStream.CanSeek ? reader.BaseStream.Length - reader.BaseStream.Position : long.MaxValue;
        Check(count >= 0 && (long)count * minBytesEach <= left, $"a count of {count} does not fit the remaining {left} bytes");
        return count;
    }

    public static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidDataException($"Fraud checkpoint: {what}.");
        }
    }
}
