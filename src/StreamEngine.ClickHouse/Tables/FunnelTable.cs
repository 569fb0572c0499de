using StreamEngine.Core.Features;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>funnel</c>: sessions of an entry channel that first reached each step in one minute, per source partition.
/// Totals are sums over partitions; read with FINAL (or argMax by version).
/// </summary>
public sealed class FunnelTable : IRowEncoder<FunnelRow>
{
    public static readonly FunnelTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "funnel",
        [
            new("window_start", "DateTime"),
            new("window_end", "DateTime"),
            new("channel", "String"),
            new("source_partition", "UInt16"),
            new("sessions_viewed", "UInt64"),
            new("sessions_carted", "UInt64"),
            new("sessions_checked_out", "UInt64"),
            new("sessions_purchased", "UInt64"),
            new("version", "UInt64"),
        ],
        versionColumn: "version",
        orderBy: "(channel, window_start, source_partition)",
        dayColumn: "window_start");

    public void Encode(in FunnelRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteDateTimeFromUnixMs(row.WindowStartMs);
        writer.WriteDateTimeFromUnixMs(row.WindowEndMs);
        writer.WriteString(row.Channel);
        writer.WriteUInt16((ushort)row.Partition);
        writer.WriteUInt64((ulong)row.SessionsViewed);
        writer.WriteUInt64((ulong)row.SessionsCarted);
        writer.WriteUInt64((ulong)row.SessionsCheckedOut);
        writer.WriteUInt64((ulong)row.SessionsPurchased);
        writer.WriteUInt64((ulong)row.Version);
    }
}
