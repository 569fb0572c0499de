using System.Numerics;
using System.Text;

namespace StreamEngine.Core.Events;

/// <summary>
/// Turns the UTF-8 bytes of low-cardinality values (SKU, category, country, currency, channel, warehouse, carrier,
/// supplier) into strings, returning the same cached instance on every later call without allocating. Holds at most
/// <see cref="Capacity"/> distinct values; beyond that, and for values longer than <see cref="MaxValueBytes"/>, it
/// allocates a fresh string and caches nothing, so memory stays bounded whatever the input.
/// Not thread-safe: create one per consume thread.
/// </summary>
public sealed class Utf8Interner
{
    /// <summary>Longest value (in UTF-8 bytes) that is cached.</summary>
    public const int MaxValueBytes = 128;

    private const int InitialSlots = 256;

    // Open addressing keyed by the UTF-8 bytes themselves, at most half full. A Dictionary<string, string> alternate
    // lookup needs the bytes transcoded to chars first and was ~2.5x slower per hit (Utf8InternerBenchmarks).
    private Entry[] _slots = new Entry[InitialSlots];

    /// <summary>Creates an interner caching at most <paramref name="capacity"/> distinct values.</summary>
    public Utf8Interner(int capacity = 16_384)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>The most distinct values cached.</summary>
    public int Capacity { get; }

    /// <summary>The number of distinct values cached so far.</summary>
    public int Count { get; private set; }

    /// <summary>The string for <paramref name="utf8"/> (valid UTF-8): the cached instance when there is one.</summary>
    public string Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxValueBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // HashCode is seeded randomly per process, so crafted values cannot force collisions.
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var code = hash.ToHashCode();
        var index = FindSlot(_slots, code, utf8);
        ref var slot = ref _slots[index];
        if (slot.Value is not null)
        {
            return slot.Value;
        }

        var value = Encoding.UTF8.GetString(utf8);
        if (Count < Capacity)
        {
            slot = new Entry(code, utf8.ToArray(), value);
            Count++;
            if (Count * 2 > _slots.Length)
            {
                Grow();
            }
        }

        return value;
    }

    // The slot holding utf8, or the empty slot where it belongs; one always exists as the table is at most half full.
    private static int FindSlot(Entry[] slots, int code, ReadOnlySpan<byte> utf8)
    {
        var mask = slots.Length - 1;
        for (var i = code & mask; ; i = (i + 1) & mask)
        {
            ref readonly var slot = ref slots[i];
            if (slot.Value is null || (slot.Hash == code && utf8.SequenceEqual(slot.Utf8)))
            {
                return i;
            }
        }
    }

    private void Grow()
    {
        var slots = new Entry[(int)BitOperations.RoundUpToPowerOf2((uint)_slots.Length * 2)];
        foreach (var entry in _slots)
        {
            if (entry.Value is not null)
            {
                slots[FindSlot(slots, entry.Hash, entry.Utf8)] = entry;
            }
        }

        _slots = slots;
    }

    private readonly record struct Entry(int Hash, byte[] Utf8, string? Value);
}
