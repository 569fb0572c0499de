using System.Diagnostics;
using System.Globalization;
using StreamEngine.IntegrationTests.Commands;
using StreamEngine.IntegrationTests.Operations;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// One engine as an OS process of its own, <c>dotnet streamengine.dll run --until-idle S</c> from the Host project's
/// build output, configured only through <c>StreamEngine__...</c> environment variables (the documented way), so
/// that SIGKILL takes down the engine and nothing else: the mock Kafka cluster stays in the test process. The output
/// goes to <c>.state/engine-processes/</c> and its tail into failure messages.
/// </summary>
internal sealed class EngineProcess : IDisposable
{
    private const int TailLines = 40;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private int _assignments;
    private bool _closed;

    private EngineProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Whether the engine has logged a partition assignment (it owns input partitions, or did).</summary>
    public bool WasAssigned => Volatile.Read(ref _assignments) > 0;

    /// <summary>
    /// Starts the engine with <paramref name="settings"/> (configuration keys such as <c>StreamEngine:Kafka:GroupId</c>);
    /// inherited <c>StreamEngine__</c> variables are removed (<see cref="EngineCommand.StartInfo"/>) so that only these and
    /// appsettings.json apply.
    /// </summary>
    public static EngineProcess Start(string name, IReadOnlyDictionary<string, string> settings, TimeSpan untilIdle)
    {
        var start = EngineCommand.StartInfo(["run", "--until-idle", ((long)untilIdle.TotalSeconds).ToString(CultureInfo.InvariantCulture)]);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var directory = Path.Combine(RepositoryPaths.Root, ".state", "engine-processes");
        Directory.CreateDirectory(directory);
        var logPath = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{name}-{Guid.NewGuid():N}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName} {RepositoryPaths.EngineDll}.");
        var engine = new EngineProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => engine.Append(e.Data);
        process.ErrorDataReceived += (_, e) => engine.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return engine;
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown flush, no commit, no checkpoint.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, what orchestrators send to stop a container: the engine should flush, checkpoint, commit and exit.</summary>
    public void Terminate() => Assert.Equal(0, SendSignal(_process.Id, SigTerm));

    /// <summary>Waits for the process to end by itself and returns its exit code; fails with the output's tail on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} did not exit within {timeout}.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The name, the state, the log file and the last lines of output, for failure messages.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
            return $"{Name} ({state}, log {LogPath}), last output:\n  {string.Join("\n  ", _tail)}";
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        lock (_gate)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("Partitions assigned: ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _assignments);
        }

        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
