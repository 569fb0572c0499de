using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>Writes the parts of feature state that <see cref="FeatureStateReader"/> reads back.</summary>
internal static class FeatureStateWriter
{
    public static void WriteCount(this BinaryWriter writer, int count) => writer.Write7BitEncodedInt(count);

    public static void WriteNullable(this BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    public static void WriteClick(this BinaryWriter writer, in ClickEvent e)
    {
        writer.Write(e.EventId);
        writer.Write(e.TimeMs);
        writer.Write((byte)e.Type);
        writer.Write(e.UserId);
        writer.Write(e.SessionId);
        writer.Write(e.DeviceId);
        writer.Write(e.Ip);
        writer.Write(e.Country);
        writer.Write(e.Channel);
        writer.WriteNullable(e.Sku);
        writer.WriteNullable(e.Category);
        writer.Write(e.PriceCents);
        writer.Write(e.Quantity);
        writer.WriteNullable(e.Currency);
        writer.Write(e.QueryHash);
        writer.Write(e.OrderId);
    }

    public static void WriteClickItem(this BinaryWriter writer, in StreamItem<ClickEvent> item)
    {
        writer.Write(item.TimeMs);
        writer.Write(item.WatermarkMs);
        writer.Write(item.Offset);
        writer.WriteClick(item.Value);
    }
}
