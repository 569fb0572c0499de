namespace StreamEngine.IntegrationTests.Commands;

/// <summary>What a streamengine process printed, its exit code and its wall-clock run time.</summary>
internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>Standard output as a terminal shows it: each carriage return starts the line over.</summary>
    public IReadOnlyList<string> Lines => Stdout.Split('\n').Select(l => l[(l.LastIndexOf('\r') + 1)..]).ToList();

    public string Describe() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
