namespace StreamEngine.IntegrationTests.Operations;

public sealed class PromtoolTests
{
    [Fact]
    public async Task CheckMetrics_AcceptsTheFullEngineExposition()
    {
        string exposition = EngineExposition.Scrape(EngineExposition.CreatePopulated().Registry);

        ToolResult result = await ExternalTool.RunAsync("promtool", ["check", "metrics"], RepositoryPaths.Root, exposition);

        Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0, $"promtool check metrics: exit {result.ExitCode}\n{result.Output}");
        Assert.Contains("streamengine_pipeline_processing_latency_seconds_bucket{pipeline=\"fraud\",le=\"+Inf\"} 2", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckMetrics_RejectsABrokenExposition()
    {
        // Proves the test above can fail: a counter without _total and a bad line are reported.
        const string Broken = "# HELP streamengine_x_events events\n# TYPE streamengine_x_events counter\nstreamengine_x_events 1\nnot a metric line\n";

        ToolResult result = await ExternalTool.RunAsync("promtool", ["check", "metrics"], RepositoryPaths.Root, Broken);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task CheckConfig_AcceptsPrometheusYml()
    {
        ToolResult result = await ExternalTool.RunAsync("promtool", ["check", "config", "prometheus.yml"], RepositoryPaths.Prometheus);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task CheckRules_AcceptsAlertsYml()
    {
        ToolResult result = await ExternalTool.RunAsync("promtool", ["check", "rules", "alerts.yml"], RepositoryPaths.Prometheus);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"SUCCESS: {AlertRules.Load().Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_EveryAlertUnitTestPasses()
    {
        string[] files = Directory.GetFiles(Path.Combine(RepositoryPaths.Prometheus, "tests"), "*.yml").Order().ToArray();
        Assert.NotEmpty(files);

        ToolResult result = await ExternalTool.RunAsync("promtool", ["test", "rules", .. files], RepositoryPaths.Prometheus);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("FAILED", result.Output, StringComparison.Ordinal);
    }
}
