using StreamEngine.ClickHouse;

namespace StreamEngine.Core.Tests.ClickHouse;

/// <summary>A server that stays away: by default the sink waits for it; OutageTimeout bounds the wait.</summary>
public sealed class ClickHouseSinkOutageTests : IDisposable
{
    private readonly FakeClickHouseHandler _server = new();
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingSinkObserver _observer = new();
    private ClickHouseClient? _client;
    private ClickHouseSink? _sink;

    public void Dispose()
    {
        _sink?.Dispose();
        _client?.Dispose();
    }

    [Fact]
    public async Task DefaultOptions_RetryTransientFailuresWithoutLimit_WithCappedBackoff()
    {
        var views = CreateSink(outageTimeout: null);
        for (var i = 0; i < 50; i++)
        {
            _server.ThenConnectionRefused();
        }

        _server.ThenOk();
        views.Add(new TestRow(1_000, "a", 7));

        await _sink!.FlushAsync(CancellationToken.None);

        Assert.Equal(51, _server.Requests.Count);
        Assert.Equal(50, _observer.Retries.Count);
        Assert.Equal(Enumerable.Range(1, 50), _observer.Retries.Select(r => r.Attempt));
        Assert.All(_observer.Retries.Skip(3), r => Assert.Equal(TimeSpan.FromMilliseconds(4), r.Delay));
        Assert.Empty(_observer.Failures);
        Assert.Single(_observer.Written);
        Assert.Equal(0, _sink.BufferedRows);
    }

    [Fact]
    public async Task OutageTimeout_StopsRetryingOnceTheServerWasDownThatLong_AndKeepsTheRows()
    {
        var views = CreateSink(outageTimeout: TimeSpan.FromMinutes(1));
        for (var i = 0; i < 10; i++)
        {
            // Each refused attempt takes 25 s of the test clock: failures at 25, 50, 75 s after the first attempt began.
            _server.Then(() =>
            {
                _time.Advance(TimeSpan.FromSeconds(25));
                throw new HttpRequestException("Connection refused");
            });
        }

        views.Add(new TestRow(1_000, "a", 7));

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => _sink!.FlushAsync(CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("after 2 retries over 75.0 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("OutageTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(2, _observer.Retries.Count);
        Assert.Single(_observer.Failures);
        Assert.Equal(1, _sink!.BufferedRows);
    }

    private ClickHouseTableWriter<TestRow> CreateSink(TimeSpan? outageTimeout)
    {
        var options = new ClickHouseOptions
        {
            Database = "se",
            RetryBackoff = TimeSpan.FromMilliseconds(1),
            MaxRetryBackoff = TimeSpan.FromMilliseconds(4),
            OutageTimeout = outageTimeout,
        };
        _client = new ClickHouseClient(options, new HttpClient(_server));
        _sink = new ClickHouseSink(_client, _observer, _time);
        return _sink.AddTable(new ClickHouseTableDefinition("views", TestRowEncoder.Columns, "MergeTree", "ts"), new TestRowEncoder());
    }
}
