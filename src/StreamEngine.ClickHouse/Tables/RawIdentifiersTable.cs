namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>raw_identifiers</c>: pseudonym -> raw value for the personal fields configured as allowed raw
/// (<c>StreamEngine:Privacy:RawColumns</c>); empty otherwise. Every pseudonym column of such a field joins to it. One row
/// per (field, pseudonym) survives merges; replays write the same row again.
/// </summary>
public sealed class RawIdentifiersTable : IRowEncoder<RawIdentifierRow>
{
    public static readonly RawIdentifiersTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = new(
        "raw_identifiers",
        [
            new("field", "String"),
            new("pseudonym", "UInt64"),
            new("value", "String"),
        ],
        engine: "ReplacingMergeTree()",
        orderBy: "(field, pseudonym)");

    public void Encode(in RawIdentifierRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(row.Field);
        writer.WriteUInt64(row.Pseudonym);
        writer.WriteString(row.Value);
    }
}
