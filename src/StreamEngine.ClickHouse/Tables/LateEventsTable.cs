namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>late_events</c>: events that arrived after every window they belong to was final (beyond the grace period),
/// one row per event and pipeline, identified by source topic/partition/offset so replays replace rather than add.
/// </summary>
public sealed class LateEventsTable : IRowEncoder<LateEventRow>
{
    public static readonly LateEventsTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "late_events",
        [
            new("event_time", "DateTime"),
            new("watermark", "DateTime"),
            new("pipeline", "String"),
            new("topic", "String"),
            new("source_partition", "UInt16"),
            new("source_offset", "UInt64"),
            new("event_type", "String"),
            new("version", "UInt8"),
        ],
        versionColumn: "version",
        orderBy: "(pipeline, topic, source_partition, source_offset)",
        dayColumn: "event_time");

    public void Encode(in LateEventRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteDateTimeFromUnixMs(row.EventTimeMs);
        writer.WriteDateTimeFromUnixMs(Math.Max(0, row.WatermarkMs));
        writer.WriteString(row.Pipeline);
        writer.WriteString(row.Topic);
        writer.WriteUInt16((ushort)row.Partition);
        writer.WriteUInt64((ulong)row.Offset);
        writer.WriteString(row.EventType);
        writer.WriteUInt8(1);
    }
}
