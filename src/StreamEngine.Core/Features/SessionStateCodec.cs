using StreamEngine.Core.Checkpoints;

namespace StreamEngine.Core.Features;

/// <summary>A session's running totals inside the sessions operator's checkpoint.</summary>
public sealed class SessionStateCodec : ICheckpointCodec<SessionState>
{
    public static readonly SessionStateCodec Instance = new();

    private SessionStateCodec()
    {
    }

    public void Write(BinaryWriter writer, in SessionState value)
    {
        writer.Write(value.UserId);
        writer.Write(value.FirstMs);
        writer.Write(value.FirstEventId);
        writer.Write(value.LastMs);
        writer.WriteNullable(value.EntryChannel);
        writer.WriteNullable(value.Country);
        writer.Write7BitEncodedInt(value.Pages);
        writer.Write7BitEncodedInt(value.ProductViews);
        writer.Write7BitEncodedInt(value.CartAdds);
        writer.Write7BitEncodedInt(value.Purchases);
        writer.Write(value.CartAddedMinor);
        writer.Write(value.CartRemovedMinor);
        writer.Write(value.PurchasedMinor);
        writer.Write7BitEncodedInt64(value.Events);
    }

    public SessionState Read(BinaryReader reader)
    {
        var state = new SessionState
        {
            UserId = reader.ReadUInt64(),
            FirstMs = reader.ReadInt64(),
            FirstEventId = reader.ReadUInt64(),
            LastMs = reader.ReadInt64(),
            EntryChannel = ReadNullable(reader),
            Country = ReadNullable(reader),
            Pages = reader.Read7BitEncodedInt(),
            ProductViews = reader.Read7BitEncodedInt(),
            CartAdds = reader.Read7BitEncodedInt(),
            Purchases = reader.Read7BitEncodedInt(),
            CartAddedMinor = reader.ReadInt64(),
            CartRemovedMinor = reader.ReadInt64(),
            PurchasedMinor = reader.ReadInt64(),
            Events = reader.Read7BitEncodedInt64(),
        };
        return state.FirstMs <= state.LastMs && state.Events > 0 && state.Pages >= 0 && state.ProductViews >= 0 && state.CartAdds >= 0 && state.Purchases >= 0
            ? state
            : throw new InvalidDataException($"Session state first {state.FirstMs}, last {state.LastMs}, {state.Events} events is impossible.");
    }

    private static string? ReadNullable(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
