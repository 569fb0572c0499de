using System.Collections.Concurrent;
using StreamEngine.ClickHouse;

namespace StreamEngine.IntegrationTests.ClickHouse;

/// <summary>Thread-safe record of sink callbacks (tests poll it while a flush runs).</summary>
internal sealed class CountingSinkObserver : IClickHouseSinkObserver
{
    public ConcurrentQueue<(string Table, int Rows, int Bytes, TimeSpan Latency)> Batches { get; } = new();

    public ConcurrentQueue<(int Attempt, ClickHouseException Error)> Retries { get; } = new();

    public ConcurrentQueue<ClickHouseException> Failures { get; } = new();

    public void OnBatchWritten(string table, int rows, int bytes, TimeSpan latency) => Batches.Enqueue((table, rows, bytes, latency));

    public void OnRetry(string table, int attempt, TimeSpan delay, ClickHouseException exception) => Retries.Enqueue((attempt, exception));

    public void OnFailed(string table, int rows, ClickHouseException exception) => Failures.Enqueue(exception);
}
