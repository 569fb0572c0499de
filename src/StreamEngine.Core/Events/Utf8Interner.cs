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
    /// <summary>Longest value (in UTF-8 bytes) that is cached; also bounds the stack buffer used for lookups.</summary>
    public const int MaxValueBytes = 128;

    private readonly Dictionary<string, string> _values;

    // The alternate lookup hashes and compares a char span against the cached strings, so a hit allocates nothing.
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an interner caching at most <paramref name="capacity"/> distinct values.</summary>
    public Utf8Interner(int capacity = 16_384)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The most distinct values cached.</summary>
    public int Capacity { get; }

    /// <summary>The number of distinct values cached so far.</summary>
    public int Count => _values.Count;

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

        // A UTF-8 byte never decodes to more than one UTF-16 char, so MaxValueBytes chars always suffice.
        Span<char> chars = stackalloc char[MaxValueBytes];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var key = chars[..length];
        if (_lookup.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var value = new string(key);
        if (_values.Count < Capacity)
        {
            _values.Add(value, value);
        }

        return value;
    }
}
