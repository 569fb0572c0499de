using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using StreamEngine.IntegrationTests.Operations;

namespace StreamEngine.IntegrationTests.Scripts;

/// <summary>
/// run.sh's control flow around ClickHouse: the real run.sh and scripts/clickhouse-local.sh (a real server on free
/// ports) in a scratch copy of the repository whose setup.sh, test.sh and <c>dotnet</c> only report what they were
/// given: installing packages and building the solution are not what these tests are about.
/// </summary>
[SupportedOSPlatform("linux")] // bash scripts and executable bits
public sealed class RunScriptTests : IDisposable
{
    private const string Totals = "7 passed, 2 failed";
    private readonly string _root = Directory.CreateTempSubdirectory("se-runsh-").FullName;
    private readonly int _httpPort = FreePort();
    private readonly int _tcpPort = FreePort();

    public RunScriptTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "scripts"));
        Directory.CreateDirectory(Path.Combine(_root, "bin"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "run.sh"), Path.Combine(_root, "run.sh"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "scripts", "clickhouse-local.sh"), Path.Combine(_root, "scripts", "clickhouse-local.sh"));
        Script("scripts/setup.sh", "true");
        Script("bin/dotnet", "true");
        // What the test suite would see: both URLs, and whether a server answers there.
        Script(
            "scripts/test.sh",
            """
            echo "tests url=$STREAMENGINE_CLICKHOUSE_URL engine=$StreamEngine__ClickHouse__Url"
            curl -sf --max-time 2 "${STREAMENGINE_CLICKHOUSE_URL%/}/?query=SELECT%2042" | sed 's/^/tests answer=/'
            echo "$TEST_TOTALS"
            exit "$TEST_STATUS"
            """);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task TestVerb_NoClickHouseConfigured_StartsAndStopsALocalServer_TotalsLastAndExitStatusKept(int testStatus)
    {
        var run = await RunAsync(new() { ["TEST_STATUS"] = $"{testStatus}" });

        var url = $"http://127.0.0.1:{_httpPort}";
        Assert.Equal(testStatus, run.ExitCode);
        Assert.Contains($"tests url={url} engine={url}", run.Lines);
        Assert.Contains("tests answer=42", run.Lines);
        Assert.Contains(run.Lines, l => l.StartsWith("clickhouse-local: started pid", StringComparison.Ordinal));
        Assert.Equal(Totals, run.Lines[^1]);
        Assert.False(File.Exists(Path.Combine(_root, "ch", "clickhouse.pid")), "the server started by run.sh is still recorded as running");
        Assert.False(await AnswersAsync(url), $"the server started by run.sh still answers on {url}");
    }

    [Fact]
    public async Task TestVerb_EngineClickHouseUrlAlreadySet_StartsNoServer_AndTheTestsUseThatUrl()
    {
        var url = $"http://127.0.0.1:{_httpPort}/elsewhere";

        var run = await RunAsync(new() { ["StreamEngine__ClickHouse__Url"] = url, ["TEST_STATUS"] = "0" });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"tests url={url} engine={url}", run.Lines);
        Assert.DoesNotContain(run.Lines, l => l.StartsWith("clickhouse-local:", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_root, "ch")), "run.sh started a local ClickHouse although one was configured");
        Assert.Equal(Totals, run.Lines[^1]);
    }

    [Fact]
    public async Task TestVerb_TestsClickHouseUrlSet_StartsNoServer_AndTheEngineGetsThatUrl()
    {
        var url = $"http://127.0.0.1:{_httpPort}/tests";

        var run = await RunAsync(new() { ["STREAMENGINE_CLICKHOUSE_URL"] = url, ["TEST_STATUS"] = "0" });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"tests url={url} engine={url}", run.Lines);
        Assert.False(Directory.Exists(Path.Combine(_root, "ch")), "run.sh started a local ClickHouse although one was configured");
    }

    public void Dispose()
    {
        // A failed assertion may leave the scratch server running: stop it by its pid file, then remove the copy.
        var stop = Start(["-c", "bash scripts/clickhouse-local.sh stop"], new());
        stop.WaitForExit(30_000);
        Directory.Delete(_root, recursive: true);
    }

    private async Task<(int ExitCode, string[] Lines)> RunAsync(Dictionary<string, string> environment)
    {
        environment["TEST_TOTALS"] = Totals;
        // One stream, so the order of stdout and stderr lines is the order a terminal or CI log shows.
        using var process = Start(["-c", "bash run.sh test 2>&1"], environment);
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 0, "run.sh printed nothing");
        return (process.ExitCode, lines);
    }

    private Process Start(string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = _root, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only this test's settings: the ClickHouse the test run itself uses must not leak into run.sh.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("STREAMENGINE_", StringComparison.Ordinal) || k.StartsWith("StreamEngine__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["PATH"] = $"{Path.Combine(_root, "bin")}:{start.Environment["PATH"]}";
        start.Environment["STREAMENGINE_CLICKHOUSE_HTTP_PORT"] = $"{_httpPort}";
        start.Environment["STREAMENGINE_CLICKHOUSE_TCP_PORT"] = $"{_tcpPort}";
        start.Environment["STREAMENGINE_CLICKHOUSE_STATE_DIR"] = Path.Combine(_root, "ch");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
    }

    private void Script(string relativePath, string body)
    {
        var path = Path.Combine(_root, relativePath);
        File.WriteAllText(path, $"#!/usr/bin/env bash\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static async Task<bool> AnswersAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return (await http.GetAsync(new Uri($"{url}/ping"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
