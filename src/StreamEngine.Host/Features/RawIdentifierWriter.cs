using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Host.Features;

/// <summary>Writes released raw identifiers to <c>raw_identifiers</c>, durable with the rest of the output before commits.</summary>
internal sealed class RawIdentifierWriter(ClickHouseTableWriter<RawIdentifierRow> table) : IRawIdentifierSink
{
    public void Write(PersonalField field, ulong pseudonym, string value) =>
        table.Add(new RawIdentifierRow(PersonalFields.Name(field), pseudonym, value));
}
