using StreamEngine.ClickHouse;

namespace StreamEngine.Core.Tests.ClickHouse;

internal sealed class RecordingSinkObserver : IClickHouseSinkObserver
{
    public List<(string Table, int Rows, int Bytes)> Written { get; } = [];

    public List<(string Table, int Attempt, TimeSpan Delay, int Code)> Retries { get; } = [];

    public List<(string Table, int Rows, ClickHouseException Error)> Failures { get; } = [];

    public void OnBatchWritten(string table, int rows, int bytes, TimeSpan latency) => Written.Add((table, rows, bytes));

    public void OnRetry(string table, int attempt, TimeSpan delay, ClickHouseException exception) => Retries.Add((table, attempt, delay, exception.Code));

    public void OnFailed(string table, int rows, ClickHouseException exception) => Failures.Add((table, rows, exception));
}
