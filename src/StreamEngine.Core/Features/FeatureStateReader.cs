using System.Text;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Reads what <see cref="FeatureStateWriter"/> wrote, rejecting impossible values with <see cref="InvalidDataException"/>.
/// Strings are interned per restore: the decoder's interned categories, channels and countries stay shared after it.
/// </summary>
internal sealed class FeatureStateReader(Stream stream) : BinaryReader(stream, Encoding.UTF8, leaveOpen: true)
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    /// <summary>A count of following items; each takes at least one byte, so more than the bytes left is corrupt.</summary>
    public int ReadCount()
    {
        var count = Read7BitEncodedInt();
        var left = BaseStream.CanSeek ? BaseStream.Length - BaseStream.Position : long.MaxValue;
        return count >= 0 && count <= left ? count : throw new InvalidDataException($"Count {count} does not fit the {left} bytes left.");
    }

    /// <summary>A 7-bit encoded counter that cannot be negative.</summary>
    public int ReadNonNegative()
    {
        var value = Read7BitEncodedInt();
        return value >= 0 ? value : throw new InvalidDataException($"Counter {value} is negative.");
    }

    public override string ReadString()
    {
        var value = base.ReadString();
        if (_strings.TryGetValue(value, out var interned))
        {
            return interned;
        }

        _strings.Add(value, value);
        return value;
    }

    public string? ReadNullableString() => ReadBoolean() ? ReadString() : null;

    public TEnum ReadEnum<TEnum>()
        where TEnum : struct, Enum
    {
        var value = ReadByte();
        var result = (TEnum)Enum.ToObject(typeof(TEnum), value);
        return Enum.IsDefined(result) ? result : throw new InvalidDataException($"{value} is not a {typeof(TEnum).Name}.");
    }

    public ClickEvent ReadClick() => new(
        ReadUInt64(),
        ReadInt64(),
        ReadEnum<ClickEventType>(),
        ReadUInt64(),
        ReadUInt64(),
        ReadUInt64(),
        ReadUInt64(),
        ReadString(),
        ReadString(),
        ReadNullableString(),
        ReadNullableString(),
        ReadInt64(),
        ReadInt32(),
        ReadNullableString(),
        ReadUInt64(),
        ReadUInt64());

    public StreamItem<ClickEvent> ReadClickItem()
    {
        var timeMs = ReadInt64();
        var watermarkMs = ReadInt64();
        var offset = ReadInt64();
        return StreamItem.Event(ReadClick(), timeMs, watermarkMs, offset);
    }
}
