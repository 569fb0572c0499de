using StreamEngine.Core.Features;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>intent_signals</c>: one row per purchase-intent signal, identity (user_id, category, time_ms), version 1 (a signal
/// never changes); a replay writes the same identity again, which FINAL collapses.
/// </summary>
public sealed class IntentSignalsTable : IRowEncoder<IntentSignal>
{
    public static readonly IntentSignalsTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "intent_signals",
        [
            new("time", "DateTime"),
            new("time_ms", "UInt64"),
            new("user_id", "UInt64"),
            new("category", "String"),
            new("event_count", "UInt32"),
            new("window_start_ms", "UInt64"),
            new("source_partition", "UInt16"),
            new("version", "UInt64"),
        ],
        versionColumn: "version",
        orderBy: "(user_id, category, time_ms)",
        dayColumn: "time");

    public void Encode(in IntentSignal row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteDateTimeFromUnixMs(row.TimeMs);
        writer.WriteUInt64((ulong)row.TimeMs);
        writer.WriteUInt64(row.UserId);
        writer.WriteString(row.Category);
        writer.WriteUInt32((uint)row.Count);
        writer.WriteUInt64((ulong)row.WindowStartMs);
        writer.WriteUInt16((ushort)row.Partition);
        writer.WriteUInt64((ulong)row.Version);
    }
}
