using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace StreamEngine.IntegrationTests.Operations;

/// <summary>
/// The real <c>prometheus</c> server (Debian package) started for one test under <c>.state/prometheus-&lt;guid&gt;/</c>
/// on a free loopback port, with its own TSDB directory. Disposing kills exactly this process and removes the directory.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly StreamWriter _log;

    private PrometheusServer(Process process, StreamWriter log, string directory, Uri url)
    {
        _process = process;
        _log = log;
        Directory = directory;
        Url = url;
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Directory { get; }

    public Uri Url { get; }

    /// <summary>Writes <paramref name="config"/> (and extra files such as rules) to a fresh directory and starts Prometheus on it.</summary>
    public static async Task<PrometheusServer> StartAsync(string config, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(RepositoryPaths.Root, ".state", $"prometheus-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), config);
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, name), text);
        }

        var port = FreePort();
        var start = new ProcessStartInfo(Find("prometheus"))
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            $"--config.file={Path.Combine(directory, "prometheus.yml")}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "--log.level=warn"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start prometheus.");
        var log = new StreamWriter(Path.Combine(directory, "prometheus.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, log, directory, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        try
        {
            await server.WaitUntilAsync(
                async ct => (await server._http.GetAsync("-/ready", ct)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "Prometheus did not become ready");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A TCP port nothing listens on right now (bound then released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The <c>data</c> member of a Prometheus HTTP API answer.</summary>
    public async Task<JsonElement> ApiAsync(string path, CancellationToken cancellationToken)
    {
        ThrowIfExited();
        var answer = await _http.GetFromJsonAsync<JsonElement>(path, cancellationToken);
        Assert.Equal("success", answer.GetProperty("status").GetString());
        return answer.GetProperty("data");
    }

    /// <summary>The instant-vector result of a PromQL query.</summary>
    public async Task<JsonElement[]> QueryAsync(string promQl, CancellationToken cancellationToken)
    {
        var data = await ApiAsync("api/v1/query?query=" + Uri.EscapeDataString(promQl), cancellationToken);
        return [.. data.GetProperty("result").EnumerateArray()];
    }

    /// <summary>Polls <paramref name="condition"/> every 250 ms until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        Exception? last = null;
        while (!deadline.IsCancellationRequested)
        {
            ThrowIfExited();
            try
            {
                if (await condition(deadline.Token))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TaskCanceledException)
            {
                last = ex;
            }

            try
            {
                await Task.Delay(250, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Assert.Fail($"{what} within {timeout.TotalSeconds:0} s (last error: {last?.Message ?? "none"}; log: {Path.Combine(Directory, "prometheus.log")}).");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for inspection; .state/ is ignored by git.
        }
    }

    private void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            Assert.Fail($"prometheus exited with code {_process.ExitCode}; see {Path.Combine(Directory, "prometheus.log")}.");
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines after the kill.
            }
        }
    }

    private static string Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"'{tool}' is not on PATH: install Debian's 'prometheus' package.");
}
