using System.Diagnostics;

namespace StreamEngine.IntegrationTests.ClickHouse;

/// <summary>Runs scripts/clickhouse-local.sh with a bounded wait and returns its exit code and output.</summary>
internal static class ClickHouseScript
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ScriptPath => Path.Combine(RepoRoot, "scripts", "clickhouse-local.sh");

    public static async Task<(int ExitCode, string Output)> RunAsync(string verb, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { ScriptPath, verb },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {ScriptPath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{ScriptPath} {verb} did not finish within 90 s.");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "clickhouse-local.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"scripts/clickhouse-local.sh not found above {AppContext.BaseDirectory}.");
    }
}
