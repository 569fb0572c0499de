using System.Globalization;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// A private ClickHouse server (scripts/clickhouse-local.sh with its own ports and state directory) that a fault test
/// may stop and start without disturbing the shared one. Ports default to 18171/19071.
/// </summary>
internal sealed class PrivateClickHouseServer : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly string _stateDir;

    public PrivateClickHouseServer(int httpPort = 18171, int tcpPort = 19071)
    {
        _stateDir = Path.Combine(ClickHouseScript.RepoRoot, ".state", $"clickhouse-fault-{Guid.NewGuid():N}");
        _environment = new()
        {
            ["STREAMENGINE_CLICKHOUSE_HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["STREAMENGINE_CLICKHOUSE_TCP_PORT"] = tcpPort.ToString(CultureInfo.InvariantCulture),
            ["STREAMENGINE_CLICKHOUSE_STATE_DIR"] = _stateDir,
        };
        Url = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    public Uri Url { get; }

    public async Task StartAsync()
    {
        var (exitCode, output) = await ClickHouseScript.RunAsync("start", _environment);
        Assert.True(exitCode == 0, $"private ClickHouse did not start:\n{output}");
    }

    public async Task StopAsync()
    {
        var (exitCode, output) = await ClickHouseScript.RunAsync("stop", _environment);
        Assert.True(exitCode == 0, $"private ClickHouse did not stop:\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        await ClickHouseScript.RunAsync("stop", _environment);
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }
}
