using System.Net;
using StreamEngine.ClickHouse;

namespace StreamEngine.Core.Tests.ClickHouse;

public sealed class ClickHouseSinkTests : IDisposable
{
    private readonly FakeClickHouseHandler _server = new();
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingSinkObserver _observer = new();
    private readonly ClickHouseOptions _options = new()
    {
        Database = "se",
        User = "writer",
        Password = "pw",
        BatchRows = 3,
        FlushInterval = TimeSpan.FromSeconds(1),
        MaxRetries = 2,
        RetryBackoff = TimeSpan.FromMilliseconds(1),
        MaxRetryBackoff = TimeSpan.FromMilliseconds(4),
        MaxBufferedBytes = 4096,
    };

    private readonly ClickHouseClient _client;
    private readonly ClickHouseSink _sink;
    private readonly ClickHouseTableWriter<TestRow> _views;

    public ClickHouseSinkTests()
    {
        _client = new ClickHouseClient(_options, new HttpClient(_server));
        _sink = new ClickHouseSink(_client, _observer, _time);
        _views = _sink.AddTable(new ClickHouseTableDefinition("views", TestRowEncoder.Columns, "MergeTree", "ts"), new TestRowEncoder());
    }

    public void Dispose()
    {
        _sink.Dispose();
        _client.Dispose();
    }

    [Fact]
    public void ShouldFlush_WhenATableReachesBatchRows()
    {
        Assert.False(_sink.ShouldFlush);
        _views.Add(new TestRow(0, "a", 1));
        _views.Add(new TestRow(0, "b", 1));
        Assert.False(_sink.ShouldFlush);
        _views.Add(new TestRow(0, "c", 1));
        Assert.True(_sink.ShouldFlush);
    }

    [Fact]
    public void ShouldFlush_WhenTheOldestRowWaitedTheFlushInterval()
    {
        _time.Advance(TimeSpan.FromMinutes(5)); // idle time before the first row does not count
        _views.Add(new TestRow(0, "a", 1));
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(_sink.ShouldFlush);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(_sink.ShouldFlush);
    }

    [Fact]
    public void ShouldFlush_WhenBufferedBytesReachTheBound()
    {
        _views.Add(new TestRow(0, new string('x', 5000), 1));
        Assert.Equal(1, _sink.BufferedRows);
        Assert.True(_sink.BufferedBytes >= _options.MaxBufferedBytes);
        Assert.True(_sink.ShouldFlush);
    }

    [Fact]
    public async Task Flush_PostsRowBinaryWithQueryInUrlAndCredentialsInHeaders_ThenEmptiesTheBuffer()
    {
        _server.ThenOk();
        _views.Add(new TestRow(1_000, "a", 7));
        await _sink.FlushAsync(CancellationToken.None);

        var (url, body, headers) = Assert.Single(_server.Requests);
        Assert.Equal("INSERT INTO se.views (ts, sku, views) FORMAT RowBinary", Uri.UnescapeDataString(url.Query["?query=".Length..]));
        Assert.Equal(new byte[] { 1, 0, 0, 0, 1, (byte)'a', 7, 0, 0, 0, 0, 0, 0, 0 }, body);
        Assert.Equal("writer", headers["X-ClickHouse-User"]);
        Assert.Equal("pw", headers["X-ClickHouse-Key"]);
        Assert.DoesNotContain("pw", url.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _sink.BufferedRows);
        Assert.Equal(0, _views.RowCount);
        Assert.Equal([("views", 1, body.Length)], _observer.Written);
        Assert.False(_sink.ShouldFlush);
    }

    [Fact]
    public async Task TransientFailures_AreRetriedWithTheSameBytes_ThenSucceed()
    {
        _server.ThenConnectionRefused().ThenError(252, "Too many parts", HttpStatusCode.InternalServerError).ThenOk();
        _views.Add(new TestRow(1_000, "a", 7));
        _views.Add(new TestRow(2_000, "b", 8));
        await _sink.FlushAsync(CancellationToken.None);

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[2].Body);
        Assert.Equal([("views", 1, TimeSpan.FromMilliseconds(1), 0), ("views", 2, TimeSpan.FromMilliseconds(2), 252)], _observer.Retries);
        Assert.Equal(("views", 2, _server.Requests[2].Body.Length), Assert.Single(_observer.Written));
        Assert.Equal(0, _sink.BufferedRows);
    }

    [Fact]
    public async Task ExhaustedRetries_Throw_AndKeepEveryBufferedRow()
    {
        _server.ThenConnectionRefused().ThenConnectionRefused().ThenConnectionRefused();
        _views.Add(new TestRow(1_000, "a", 7));
        var bytes = _views.ByteCount;

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => _sink.FlushAsync(CancellationToken.None));
        Assert.True(error.IsTransient);
        Assert.Contains("after 2 retries", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(1, _sink.BufferedRows);
        Assert.Equal(bytes, _views.ByteCount);
        Assert.Single(_observer.Failures);

        _server.ThenOk();
        await _sink.FlushAsync(CancellationToken.None);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[3].Body);
        Assert.Equal(0, _sink.BufferedRows);
    }

    [Fact]
    public async Task ServerError_IsNotRetried_AndSurfacesCodeAndQuery()
    {
        _server.ThenError(60, "Table se.views doesn't exist.", HttpStatusCode.NotFound);
        _views.Add(new TestRow(1_000, "a", 7));

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => _sink.FlushAsync(CancellationToken.None));
        Assert.Equal(60, error.Code);
        Assert.False(error.IsTransient);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal("Table se.views doesn't exist.", error.ServerMessage);
        Assert.Equal("INSERT INTO se.views (ts, sku, views) FORMAT RowBinary", error.Query);
        Assert.Single(_server.Requests);
        Assert.Empty(_observer.Retries);
        Assert.Equal(1, _sink.BufferedRows);
    }

    [Fact]
    public void EncoderFailure_LeavesNoPartialRow()
    {
        _views.Add(new TestRow(1_000, "a", 7));
        var bytes = _views.ByteCount;
        Assert.Throws<InvalidOperationException>(() => _views.Add(new TestRow(1_000, "poison", 7)));
        Assert.Equal(1, _views.RowCount);
        Assert.Equal(bytes, _views.ByteCount);
        Assert.Equal(bytes, _sink.BufferedBytes);
    }

    [Fact]
    public async Task Flush_WithNothingBuffered_SendsNothing()
    {
        await _sink.FlushAsync(CancellationToken.None);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void AddingTheSameTableTwice_Throws() =>
        Assert.Throws<ArgumentException>(() => _sink.AddTable(_views.Definition, new TestRowEncoder()));
}
