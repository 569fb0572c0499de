namespace StreamEngine.ClickHouse;

/// <summary>
/// Buffers rows of one table as RowBinary until the owning <see cref="ClickHouseSink"/> flushes them. Created by
/// <see cref="ClickHouseSink.AddTable{TRow}"/>; used only on the consume thread, like the sink.
/// </summary>
public sealed class ClickHouseTableWriter<TRow> : IClickHouseTableBuffer
{
    private readonly ClickHouseSink _sink;
    private readonly IRowEncoder<TRow> _encoder;
    private readonly RowBinaryWriter _writer;

    internal ClickHouseTableWriter(ClickHouseSink sink, ClickHouseTableDefinition definition, IRowEncoder<TRow> encoder, string database)
    {
        _sink = sink;
        _encoder = encoder;
        Definition = definition;
        InsertQuery = ClickHouseClient.BuildInsertQuery(database, definition.Name, definition.ColumnNames());
        _writer = new RowBinaryWriter(64 * 1024);
    }

    public ClickHouseTableDefinition Definition { get; }

    /// <summary>Rows buffered since the last successful flush of this table.</summary>
    public int RowCount { get; private set; }

    /// <summary>Encoded bytes buffered since the last successful flush of this table.</summary>
    public int ByteCount => _writer.Length;

    string IClickHouseTableBuffer.InsertQuery => InsertQuery;

    ReadOnlyMemory<byte> IClickHouseTableBuffer.Payload => _writer.WrittenMemory;

    internal string InsertQuery { get; }

    /// <summary>Encodes and buffers one row. If the encoder throws, the partial row is removed and the exception propagates.</summary>
    public void Add(in TRow row)
    {
        _sink.ThrowIfFlushing();
        var before = _writer.Length;
        try
        {
            _encoder.Encode(in row, _writer);
        }
        catch
        {
            _writer.Truncate(before);
            throw;
        }

        RowCount++;
        _sink.OnRowAdded(RowCount, _writer.Length - before);
    }

    void IClickHouseTableBuffer.Reset()
    {
        RowCount = 0;
        _writer.Clear();
    }

    void IDisposable.Dispose() => _writer.Dispose();
}
