using System.Text.RegularExpressions;

namespace StreamEngine.IntegrationTests.Operations;

public sealed class DockerStackTests
{
    [Fact]
    public async Task ComposeFile_IsValid()
    {
        ToolResult result = await ExternalTool.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config", "--quiet"], RepositoryPaths.Docker);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task ComposeFile_DefinesTheWholeStack()
    {
        ToolResult result = await ExternalTool.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config", "--services"], RepositoryPaths.Docker);

        Assert.True(result.ExitCode == 0, result.Output);
        string[] services = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order().ToArray();
        Assert.Equal(["alertmanager", "clickhouse", "engine", "grafana", "kafka", "kafka-init", "prometheus", "storefront"], services);
    }

    [Fact]
    public async Task Engine_IsConfiguredThroughStreamEngineEnvironmentVariables()
    {
        ToolResult result = await ExternalTool.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config"], RepositoryPaths.Docker);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("StreamEngine__Kafka__BootstrapServers: kafka:9092", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("StreamEngine__ClickHouse__Url: http://clickhouse:8123", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("KAFKA_PROCESS_ROLES: broker,controller", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storefront_IsALiveSimulationThatRestartsWithoutReplaying()
    {
        ToolResult result = await ExternalTool.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config"], RepositoryPaths.Docker);

        Assert.True(result.ExitCode == 0, result.Output);
        string storefront = Regex.Match(result.Stdout, @"(?ms)^  storefront:\n(.*?)(?=^  \S|^\S|\z)").Groups[1].Value;
        Assert.Matches(@"command:\s*\n\s*- simulate\s*\n\s*- --live\s*\n\s*- --rate\s*\n\s*- '200'", storefront);
        Assert.Contains("restart: unless-stopped", storefront, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_RunsAsNonRootOnDebianWithLibrdkafkaAndAHealthCheck()
    {
        string dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Docker, "Dockerfile"));

        Assert.Matches(@"(?m)^FROM debian:bookworm-slim AS runtime$", dockerfile);
        Assert.Contains("librdkafka1", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER 10001:10001$", dockerfile);
        Assert.Contains("/health/live", dockerfile, StringComparison.Ordinal);
        Assert.Equal(2, dockerfile.Split('\n').Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
    }
}
