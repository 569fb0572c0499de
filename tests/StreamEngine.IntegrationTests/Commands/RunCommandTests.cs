using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.Commands;

/// <summary><c>streamengine run</c> as its own process, on the embedded defaults.</summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class RunCommandTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task NoBootstrapServersConfigured_LogsThatItStartedTheEmbeddedMockCluster()
    {
        var run = await EngineCommand.RunAsync(
            ["run", "--until-idle", "1", $"--StreamEngine:ClickHouse:Url={Fixture.Url}", $"--StreamEngine:ClickHouse:Database={Database}", "--StreamEngine:Http:Url="],
            TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains(
            run.Lines,
            l => l.Contains("warn: StreamEngine", StringComparison.Ordinal)
                && l.Contains("No Kafka bootstrap servers configured: started librdkafka's embedded mock cluster at 127.0.0.1:", StringComparison.Ordinal));
    }
}
