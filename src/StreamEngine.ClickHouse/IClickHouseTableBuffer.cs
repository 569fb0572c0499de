namespace StreamEngine.ClickHouse;

/// <summary>The sink's view of a table writer, independent of the row type.</summary>
internal interface IClickHouseTableBuffer : IDisposable
{
    ClickHouseTableDefinition Definition { get; }

    string InsertQuery { get; }

    int RowCount { get; }

    ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Forgets the rows after they were written; keeps the buffer for the next batch.</summary>
    void Reset();
}
