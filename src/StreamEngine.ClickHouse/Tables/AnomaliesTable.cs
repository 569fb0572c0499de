using StreamEngine.Core.Features;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>anomalies</c>: a (category, country) series that deviated from its own EWMA baseline for several minutes, one row
/// per run, identity (category, country, metric, minute, source_partition). Baselines are per source partition.
/// </summary>
public sealed class AnomaliesTable : IRowEncoder<AnomalyRow>
{
    public static readonly AnomaliesTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "anomalies",
        [
            new("minute", "DateTime"),
            new("category", "String"),
            new("country", "String"),
            new("metric", "Enum8('traffic' = 1, 'conversion' = 2)"),
            new("source_partition", "UInt16"),
            new("expected", "Float64"),
            new("actual", "Float64"),
            new("z", "Float64"),
            new("consecutive_minutes", "UInt16"),
            new("version", "UInt64"),
        ],
        versionColumn: "version",
        orderBy: "(category, country, metric, minute, source_partition)",
        dayColumn: "minute");

    public void Encode(in AnomalyRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteDateTimeFromUnixMs(row.MinuteStartMs);
        writer.WriteString(row.Category);
        writer.WriteString(row.Country);
        writer.WriteInt8((sbyte)row.Metric);
        writer.WriteUInt16((ushort)row.Partition);
        writer.WriteFloat64(row.Expected);
        writer.WriteFloat64(row.Actual);
        writer.WriteFloat64(row.Z);
        writer.WriteUInt16((ushort)row.ConsecutiveMinutes);
        writer.WriteUInt64((ulong)row.Version);
    }
}
