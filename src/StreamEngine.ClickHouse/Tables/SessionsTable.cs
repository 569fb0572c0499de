using StreamEngine.Core.Features;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>sessions</c>: one row per closed session, identity (session_id, start_ms); a session lives in one source
/// partition (clicks are keyed by user). A late event that moves a session's start earlier gives it a new identity; the
/// engine then rewrites the old identity with <c>superseded = 1</c> and a higher version, so
/// <c>FROM sessions FINAL WHERE superseded = 0</c> holds each session exactly once.
/// </summary>
public sealed class SessionsTable : IRowEncoder<SessionTableRow>
{
    public static readonly SessionsTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "sessions",
        [
            new("session_id", "UInt64"),
            new("user_id", "UInt64"),
            new("source_partition", "UInt16"),
            new("start", "DateTime"),
            new("start_ms", "UInt64"),
            new("end_ms", "UInt64"),
            new("duration_ms", "UInt64"),
            new("pages", "UInt32"),
            new("product_views", "UInt32"),
            new("cart_adds", "UInt32"),
            new("converted", "UInt8"),
            new("abandoned_cart_minor", "Int64"),
            new("entry_channel", "String"),
            new("country", "String"),
            new("superseded", "UInt8"),
            new("version", "UInt64"),
        ],
        versionColumn: "version",
        orderBy: "(session_id, start_ms)",
        dayColumn: "start");

    public void Encode(in SessionTableRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var s = row.Session;
        writer.WriteUInt64(s.SessionId);
        writer.WriteUInt64(s.UserId);
        writer.WriteUInt16((ushort)s.Partition);
        writer.WriteDateTimeFromUnixMs(s.StartMs);
        writer.WriteUInt64((ulong)s.StartMs);
        writer.WriteUInt64((ulong)s.EndMs);
        writer.WriteUInt64((ulong)s.DurationMs);
        writer.WriteUInt32((uint)s.Pages);
        writer.WriteUInt32((uint)s.ProductViews);
        writer.WriteUInt32((uint)s.CartAdds);
        writer.WriteBoolean(s.Converted);
        writer.WriteInt64(s.AbandonedCartMinor);
        writer.WriteString(s.EntryChannel);
        writer.WriteString(s.Country);
        writer.WriteBoolean(row.Superseded);
        writer.WriteUInt64((ulong)s.Version);
    }
}
