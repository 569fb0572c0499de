using StreamEngine.ClickHouse;

namespace StreamEngine.IntegrationTests.ClickHouse;

/// <summary>
/// Runs a second, private server (own ports and state directory) through scripts/clickhouse-local.sh so it can be
/// stopped and started without disturbing the shared one.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class ServerRestartTests : IAsyncLifetime
{
    private readonly Dictionary<string, string> _environment;
    private readonly string _stateDir;
    private readonly ClickHouseOptions _options;

    public ServerRestartTests()
    {
        var httpPort = ClickHouseClientTests.UnusedPort();
        _stateDir = Path.Combine(ClickHouseScript.RepoRoot, ".state", $"clickhouse-restart-{Guid.NewGuid():N}");
        _environment = new()
        {
            ["STREAMENGINE_CLICKHOUSE_HTTP_PORT"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["STREAMENGINE_CLICKHOUSE_TCP_PORT"] = ClickHouseClientTests.UnusedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["STREAMENGINE_CLICKHOUSE_STATE_DIR"] = _stateDir,
        };
        _options = new ClickHouseOptions
        {
            Url = new Uri($"http://127.0.0.1:{httpPort}/"),
            Database = "restart_test",
            MaxRetries = 100,
            RetryBackoff = TimeSpan.FromMilliseconds(100),
            MaxRetryBackoff = TimeSpan.FromMilliseconds(400),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
    }

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        await ClickHouseScript.RunAsync("stop", _environment);
        Directory.Delete(_stateDir, recursive: true);
    }

    [Fact]
    public async Task Flush_RetriesWhileTheServerIsDown_AndSucceedsWhenItComesBack()
    {
        using var client = new ClickHouseClient(_options);
        await new SchemaManager(client).ApplyAsync([SchemaManagerTests.SkuViews], SchemaManagerTests.LowCardinality);
        await StopAsync();

        var observer = new CountingSinkObserver();
        using var sink = new ClickHouseSink(client, observer);
        var table = sink.AddTable(SchemaManagerTests.SkuViews, new SkuViewRowEncoder());
        for (var i = 0; i < 1_000; i++)
        {
            table.Add(new SkuViewRow(1_704_067_200_000L, $"sku-{i}", "DE", (ulong)i, 1));
        }

        var flush = sink.FlushAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (observer.Retries.Count < 2 && DateTime.UtcNow < deadline && !flush.IsCompleted)
        {
            await Task.Delay(20);
        }

        Assert.False(flush.IsCompleted, "the flush must still be retrying while the server is down");
        Assert.True(observer.Retries.Count >= 2, "expected retries while the server is down");
        Assert.All(observer.Retries, r => Assert.True(r.Error.IsTransient));

        await StartAsync();
        await flush.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, sink.BufferedRows);
        Assert.Equal(1_000, Assert.Single(observer.Batches).Rows);
        Assert.Empty(observer.Failures);
        Assert.Equal(1_000UL, await client.ScalarAsync<ulong>("SELECT count() FROM restart_test.sku_views"));
    }

    private async Task StartAsync()
    {
        var (exitCode, output) = await ClickHouseScript.RunAsync("start", _environment);
        Assert.True(exitCode == 0, $"private ClickHouse did not start:\n{output}");
    }

    private async Task StopAsync()
    {
        var (exitCode, output) = await ClickHouseScript.RunAsync("stop", _environment);
        Assert.True(exitCode == 0, $"private ClickHouse did not stop:\n{output}");
    }
}
