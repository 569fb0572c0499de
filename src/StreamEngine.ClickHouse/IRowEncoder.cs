namespace StreamEngine.ClickHouse;

/// <summary>
/// Writes one row of a table in RowBinary: exactly the table's columns, in order, with their types. Called on the
/// consume thread for every row, so implementations must not allocate (usually a stateless struct or singleton).
/// </summary>
public interface IRowEncoder<TRow>
{
    void Encode(in TRow row, RowBinaryWriter writer);
}
