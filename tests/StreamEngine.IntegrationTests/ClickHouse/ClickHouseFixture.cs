using StreamEngine.ClickHouse;

namespace StreamEngine.IntegrationTests.ClickHouse;

/// <summary>
/// The real ClickHouse server for the integration tests: STREAMENGINE_CLICKHOUSE_URL if set, otherwise whatever answers
/// on 127.0.0.1:$STREAMENGINE_CLICKHOUSE_HTTP_PORT (default 18123), otherwise the project-local server of
/// scripts/clickhouse-local.sh (started here and stopped at the end only if this fixture started it). A server that cannot be reached or started fails every test with the reason; nothing is skipped.
/// </summary>
public sealed class ClickHouseFixture : IAsyncLifetime
{
    private bool _startedHere;

    public Uri Url { get; private set; } = new("http://127.0.0.1:18123/");

    /// <summary>Server version, e.g. "18.16.1".</summary>
    public string Version { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("STREAMENGINE_CLICKHOUSE_URL");
        if (!string.IsNullOrWhiteSpace(external))
        {
            Url = new Uri(external);
            await RequireServerAsync($"STREAMENGINE_CLICKHOUSE_URL={external} does not answer /ping.");
            return;
        }

        var port = Environment.GetEnvironmentVariable("STREAMENGINE_CLICKHOUSE_HTTP_PORT");
        Url = new Uri($"http://127.0.0.1:{(string.IsNullOrWhiteSpace(port) ? "18123" : port)}/");
        var (statusCode, _) = await ClickHouseScript.RunAsync("status");
        if (statusCode != 0 && !await PingAsync())
        {
            var (exitCode, output) = await ClickHouseScript.RunAsync("start");
            if (exitCode != 0)
            {
                throw new InvalidOperationException(
                    $"ClickHouse could not be started with {ClickHouseScript.ScriptPath} start (exit {exitCode}). Install the clickhouse-server " +
                    $"package or set STREAMENGINE_CLICKHOUSE_URL. Output:\n{output}");
            }

            _startedHere = true;
        }

        await RequireServerAsync($"ClickHouse at {Url} does not answer after {ClickHouseScript.ScriptPath} start.");
    }

    public async Task DisposeAsync()
    {
        if (_startedHere)
        {
            await ClickHouseScript.RunAsync("stop");
        }
    }

    /// <summary>Options for the fixture's server and the given database, with quick retries for tests.</summary>
    public ClickHouseOptions CreateOptions(string database) => new()
    {
        Url = Url,
        Database = database,
        RetryBackoff = TimeSpan.FromMilliseconds(50),
        MaxRetryBackoff = TimeSpan.FromMilliseconds(500),
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    private async Task<bool> PingAsync()
    {
        using var client = new ClickHouseClient(CreateOptions("default"));
        return await client.PingAsync();
    }

    private async Task RequireServerAsync(string problem)
    {
        using var client = new ClickHouseClient(CreateOptions("default"));
        if (!await client.PingAsync())
        {
            throw new InvalidOperationException(problem);
        }

        Version = (await client.QueryTextAsync("SELECT version()")).Trim();
    }
}
