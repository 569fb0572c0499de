using StreamEngine.ClickHouse;
using StreamEngine.Core.Metrics;

namespace StreamEngine.Host.Engine;

/// <summary>
/// Turns the ClickHouse sink's flush outcomes into metrics and log lines: one warning per backoff step while the server
/// is unreachable (streamengine_clickhouse_up = 0), one line when it is back.
/// </summary>
internal sealed partial class SinkMetrics(EngineMetrics metrics, Microsoft.Extensions.Logging.ILogger logger) : IClickHouseSinkObserver
{
    private int _failedAttempts;

    public void OnBatchWritten(string table, int rows, int bytes, TimeSpan latency)
    {
        if (_failedAttempts > 0)
        {
            LogRecovered(logger, table, _failedAttempts);
            _failedAttempts = 0;
        }

        metrics.ClickHouseUp.Set(1);
        metrics.ClickHouseBatchRows.WithLabels(table).Observe(rows);
        metrics.ClickHouseRowsWritten.WithLabels(table).Inc(rows);
        metrics.ClickHouseFlushDuration.WithLabels(table).Observe(latency.TotalSeconds);
    }

    public void OnRetry(string table, int attempt, TimeSpan delay, ClickHouseException exception)
    {
        _failedAttempts++;
        metrics.ClickHouseUp.Set(0);
        metrics.ClickHouseFlushErrors.WithLabels(table).Inc();
        metrics.ClickHouseFlushRetries.WithLabels(table).Inc();
        LogRetry(logger, table, attempt, delay.TotalSeconds, exception.Message);
    }

    public void OnFailed(string table, int rows, ClickHouseException exception)
    {
        metrics.ClickHouseUp.Set(0);
        metrics.ClickHouseFlushErrors.WithLabels(table).Inc();
        LogFailed(logger, table, rows, exception.Message);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "ClickHouse insert into {Table} failed (attempt {Attempt}), consumption paused, retrying in {Delay:0.0} s: {Reason}")]
    private static partial void LogRetry(Microsoft.Extensions.Logging.ILogger logger, string table, int attempt, double delay, string reason);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "ClickHouse insert into {Table} succeeded after {Failures} failed attempts; consuming again")]
    private static partial void LogRecovered(Microsoft.Extensions.Logging.ILogger logger, string table, int failures);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "ClickHouse insert of {Rows} rows into {Table} failed for good: {Reason}")]
    private static partial void LogFailed(Microsoft.Extensions.Logging.ILogger logger, string table, int rows, string reason);
}
