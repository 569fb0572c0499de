namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>late_events</c>: events that arrived after some or all of the windows they belong to were final (beyond the
/// grace period), one row per event, pipeline and window shape (<c>windows</c> per event), identified by source
/// topic/partition/offset so replays replace rather than add. <c>missed_windows = windows</c>: counted nowhere.
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
            new("missed_windows", "UInt32"),
            new("windows", "UInt32"),
            new("version", "UInt8"),
        ],
        versionColumn: "version",
        orderBy: "(pipeline, topic, source_partition, source_offset, windows)",
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
        writer.WriteUInt32((uint)row.MissedWindows);
        writer.WriteUInt32((uint)row.Windows);
        writer.WriteUInt8(1);
    }
}
