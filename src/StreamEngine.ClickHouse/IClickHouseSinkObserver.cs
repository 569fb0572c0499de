namespace StreamEngine.ClickHouse;

/// <summary>
/// Receives what the sink's flushes do, for metrics and logs (implemented outside this project). Called from inside
/// <see cref="ClickHouseSink.FlushAsync"/>, one call at a time (possibly on a pool thread after an await);
/// implementations must be quick and must not throw.
/// </summary>
public interface IClickHouseSinkObserver
{
    /// <summary>A table's batch was written: its rows, encoded bytes and the time of the successful attempt.</summary>
    void OnBatchWritten(string table, int rows, int bytes, TimeSpan latency);

    /// <summary>An attempt failed transiently; the same batch is sent again after <paramref name="delay"/>.</summary>
    void OnRetry(string table, int attempt, TimeSpan delay, ClickHouseException exception);

    /// <summary>A batch could not be written (not transient, or retries exhausted); the flush throws next.</summary>
    void OnFailed(string table, int rows, ClickHouseException exception);
}
