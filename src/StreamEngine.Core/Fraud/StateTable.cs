using System.Numerics;
using System.Runtime.InteropServices;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Per-key structs in a dense array with a key -> slot index and a last-seen time per slot. Why not a plain
/// Dictionary of structs: the expiry sweep enumerated (and so copied) every 1-2 KB state on each sweep, which made
/// replaying 20k payments take 5.8 s; here the sweep scans a long[] of last-seen times and copies nothing.
/// Freed slots are reused; arrays only grow (bounded by the peak number of live keys).
/// </summary>
internal sealed class StateTable<T>
    where T : struct, IKeyState
{
    private const long FreeSlot = long.MaxValue;
    private readonly Dictionary<ulong, int> _index = [];
    private T[] _values = new T[16];
    private ulong[] _keys = new ulong[16];
    private long[] _lastSeen = new long[16];
    private int[] _free = new int[16];
    private int _freeCount;
    private int _used;

    public int Count => _index.Count;

    /// <summary>The state of <paramref name="key"/> (created as default), marked as seen at <paramref name="timeMs"/>.</summary>
    public ref T GetOrAdd(ulong key, long timeMs)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, key, out var exists);
        if (!exists)
        {
            slot = Allocate();
            _keys[slot] = key;
            _values[slot] = default;
            _lastSeen[slot] = timeMs;
        }
        else if (timeMs > _lastSeen[slot])
        {
            _lastSeen[slot] = timeMs;
        }

        return ref _values[slot];
    }

    /// <summary>Reads the state of <paramref name="key"/> without creating it.</summary>
    public bool TryGet(ulong key, out T value)
    {
        if (_index.TryGetValue(key, out var slot))
        {
            value = _values[slot];
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Removes every key last seen before <paramref name="cutoffMs"/>; returns how many.</summary>
    public int RemoveIdle(long cutoffMs)
    {
        var removed = 0;
        for (var i = 0; i < _used; i++)
        {
            if (_lastSeen[i] < cutoffMs)
            {
                _index.Remove(_keys[i]);
                _lastSeen[i] = FreeSlot;
                _values[i] = default;
                if (_freeCount == _free.Length)
                {
                    Array.Resize(ref _free, _free.Length * 2);
                }

                _free[_freeCount++] = i;
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Writes every live key with its last-seen time and state (slot layout is not part of the state).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(_index.Count);
        foreach (var (key, slot) in _index)
        {
            writer.Write(key);
            writer.Write7BitEncodedInt64(_lastSeen[slot]);
            _values[slot].Write(writer);
        }
    }

    /// <summary>Replaces the table with the keys <see cref="Save"/> wrote, rebuilding the index in their order.</summary>
    public void Restore(BinaryReader reader)
    {
        // Key, a one-byte time at least, and a value of one byte at least.
        var count = FraudStateCodec.ReadCount(reader, 10);
        var size = Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)count));
        _index.Clear();
        _index.EnsureCapacity(count);
        _values = new T[size];
        _keys = new ulong[size];
        _lastSeen = new long[size];
        _free = new int[16];
        _freeCount = 0;
        _used = 0;
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadUInt64();
            var lastSeen = reader.Read7BitEncodedInt64();
            FraudStateCodec.Check(lastSeen != FreeSlot, "a key's last-seen time marks a free slot");
            FraudStateCodec.Check(_index.TryAdd(key, _used), "a key is listed twice");
            _keys[_used] = key;
            _lastSeen[_used] = lastSeen;
            _values[_used].Read(reader);
            _used++;
        }
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_used == _values.Length)
        {
            var size = _values.Length * 2;
            Array.Resize(ref _values, size);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _lastSeen, size);
        }

        return _used++;
    }
}
