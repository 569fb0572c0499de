using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.IntegrationTests.Operations;

namespace StreamEngine.IntegrationTests.Commands;

/// <summary>
/// Runs <c>dotnet streamengine.dll VERB ...</c> from the Host project's build output as a user runs it, configured by
/// its appsettings.json, its arguments and the given environment only (inherited StreamEngine__ and STREAMENGINE_
/// variables are removed), and captures what it printed and how long it took.
/// </summary>
internal static class EngineCommand
{
    /// <summary>The sample appsettings.json the engine process reads (its Simulator section decides what is simulated).</summary>
    public static IConfiguration AppSettings { get; } = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Path.GetDirectoryName(RepositoryPaths.EngineDll)!, "appsettings.json"), optional: false)
        .Build();

    /// <summary>
    /// <c>dotnet streamengine.dll ARGUMENTS</c> in the build output directory, output redirected, with the inherited
    /// StreamEngine__ and STREAMENGINE_ variables removed so that only appsettings.json and what the test sets apply.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var dll = RepositoryPaths.EngineDll;
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first (dotnet build StreamEngine.sln -c Release).");
        // The dotnet running the tests (the SDK sets DOTNET_HOST_PATH for test hosts), else the one on PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("StreamEngine__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("STREAMENGINE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        return start;
    }

    /// <summary>The ground truth of the engine process's simulation: same appsettings.json, --events and --seed, so the same records.</summary>
    public static GroundTruth SimulateHere(int events, int seed)
    {
        var (flags, _) = CommandLine.Split(["--events", $"{events}", "--seed", $"{seed}"]);
        var (simulator, _) = SimulationSource.Create(AppSettings, EngineOptions.Load(AppSettings), flags, defaultEvents: 1);
        _ = simulator.Generate().Count();
        return simulator.GroundTruth;
    }

    public static async Task<CommandResult> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(arguments);
        var dll = RepositoryPaths.EngineDll;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"streamengine {string.Join(' ', start.ArgumentList.Skip(1))} did not finish within {timeout}.\n{await stdout}\n{await stderr}");
        }

        clock.Stop();
        return new CommandResult(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
