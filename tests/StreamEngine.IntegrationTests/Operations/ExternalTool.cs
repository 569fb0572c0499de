using System.Diagnostics;

namespace StreamEngine.IntegrationTests.Operations;

/// <summary>Runs a command-line tool (promtool, docker-compose) and fails clearly, never skips, when it is missing.</summary>
internal static class ExternalTool
{
    /// <param name="environment">When given, the tool's whole environment (plus PATH), instead of the test process's.</param>
    public static async Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments, string workingDirectory, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        string path = Find(tool);
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            string searchPath = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            start.Environment.Clear();
            start.Environment["PATH"] = searchPath;
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Find(string tool)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"'{tool}' is not on PATH. The operations tests need it: install Debian's 'prometheus' (promtool) and 'docker-compose' packages.");
        return tool;
    }
}
