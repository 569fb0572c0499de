namespace StreamEngine.IntegrationTests.Operations;

/// <summary>docker/entrypoint.sh run with bash, as the image runs it: secret files become configuration variables.</summary>
public sealed class DockerEntrypointTests : IDisposable
{
    private readonly string _secrets = Directory.CreateTempSubdirectory("streamengine-secrets-").FullName;

    [Fact]
    public async Task SecretFiles_BecomeTheVariablesTheyName_IncludingDottedLibrdkafkaKeys()
    {
        string kafka = Secret("kafka_password", "s3cret\n");
        string clickHouse = Secret("clickhouse_password", "p@ss word");

        ToolResult result = await RunAsync(
            new Dictionary<string, string>
            {
                ["StreamEngine__Kafka__Consumer__sasl.password_FILE"] = kafka,
                ["StreamEngine__ClickHouse__Password_FILE"] = clickHouse,
                ["StreamEngine__Kafka__Consumer__security.protocol"] = "SASL_SSL",
                ["OTHER_TOOL_CONFIG_FILE"] = "/nonexistent/left/alone",
            },
            "env",
            "-0");

        Assert.True(result.ExitCode == 0, result.Output);
        string[] environment = result.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("StreamEngine__Kafka__Consumer__sasl.password=s3cret", environment);
        Assert.Contains("StreamEngine__ClickHouse__Password=p@ss word", environment);
        Assert.Contains("StreamEngine__Kafka__Consumer__security.protocol=SASL_SSL", environment);
        Assert.Contains("OTHER_TOOL_CONFIG_FILE=/nonexistent/left/alone", environment);
        Assert.DoesNotContain(environment, e => e.StartsWith("StreamEngine__", StringComparison.Ordinal) && e.Split('=')[0].EndsWith("_FILE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DottedLibrdkafkaKeyFromASecretFile_ReachesTheEnginesKafkaClient()
    {
        // The engine itself, started through the entrypoint: an invalid value shows the key arrived in librdkafka.
        string protocol = Secret("security_protocol", "bogus\n");

        ToolResult result = await RunAsync(
            new Dictionary<string, string> { ["StreamEngine__Kafka__Producer__security.protocol_FILE"] = protocol },
            "dotnet",
            RepositoryPaths.EngineDll,
            "simulate",
            "--live",
            "--StreamEngine:Kafka:BootstrapServers=127.0.0.1:1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Invalid value \"bogus\" for configuration property \"security.protocol\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_ReplacesTheScriptWithItsArgumentsUnchanged()
    {
        ToolResult result = await RunAsync(new Dictionary<string, string>(), "printf", "%s|", "run", "--StreamEngine:Kafka:Consumer:security.protocol=SASL_SSL", "two words");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("run|--StreamEngine:Kafka:Consumer:security.protocol=SASL_SSL|two words|", result.Stdout);
    }

    [Fact]
    public async Task ValueAndFileForTheSameVariable_StopBeforeTheEngineStarts()
    {
        ToolResult result = await RunAsync(
            new Dictionary<string, string> { ["StreamEngine__ClickHouse__Password"] = "a", ["StreamEngine__ClickHouse__Password_FILE"] = Secret("pw", "b") },
            "echo",
            "engine started");

        Assert.Equal(64, result.ExitCode);
        Assert.DoesNotContain("engine started", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("both StreamEngine__ClickHouse__Password and StreamEngine__ClickHouse__Password_FILE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSecretFile_StopsBeforeTheEngineStartsAndNamesTheVariable()
    {
        ToolResult result = await RunAsync(
            new Dictionary<string, string> { ["StreamEngine__ClickHouse__Password_FILE"] = Path.Combine(_secrets, "absent") },
            "echo",
            "engine started");

        Assert.Equal(66, result.ExitCode);
        Assert.DoesNotContain("engine started", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("StreamEngine__ClickHouse__Password_FILE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_RunsTheEngineThroughTheEntrypoint()
    {
        string dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Docker, "Dockerfile"));
        string dockerignore = File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".dockerignore"));

        Assert.Matches(@"(?m)^COPY .*docker/entrypoint\.sh /app/entrypoint\.sh$", dockerfile);
        Assert.Matches(@"(?m)^ENTRYPOINT \[""/bin/bash"", ""/app/entrypoint\.sh"", ""/app/streamengine""\]$", dockerfile);
        Assert.Matches(@"(?m)^!docker/entrypoint\.sh$", dockerignore);
    }

    public void Dispose() => Directory.Delete(_secrets, recursive: true);

    private static Task<ToolResult> RunAsync(Dictionary<string, string> environment, params string[] command) =>
        ExternalTool.RunAsync("bash", [Path.Combine(RepositoryPaths.Docker, "entrypoint.sh"), .. command], RepositoryPaths.Root, environment: environment);

    private string Secret(string name, string content)
    {
        string path = Path.Combine(_secrets, name);
        File.WriteAllText(path, content);
        return path;
    }
}
