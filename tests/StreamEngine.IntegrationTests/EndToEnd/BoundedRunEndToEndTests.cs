using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>Bounded runs (<c>run --until-idle</c>) end once caught up, also when a partition has nothing left to read.</summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class BoundedRunEndToEndTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task BoundedRun_OfAGroupThatCommittedEverything_EndsWithoutConsumingAnything()
    {
        var options = EngineOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamEngine:ClickHouse:Url"] = Fixture.Url.ToString(),
            ["StreamEngine:ClickHouse:Database"] = Database,
            ["StreamEngine:Http:Url"] = "",
            ["StreamEngine:Kafka:GroupId"] = $"it-{Guid.NewGuid():N}",
        }).Build());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var mock = new MockKafkaCluster(brokers: 3);
        mock.EnsureTopics(options.Kafka.InputTopics);
        var simulation = new SimulatorOptions { EventCount = 5_000, Seed = 3, Users = 500, Products = 50 };
        simulation.Topics.Clickstream = options.Kafka.ClickstreamTopic;
        simulation.Topics.Transactions = options.Kafka.TransactionsTopic;
        simulation.Topics.Inventory = options.Kafka.InventoryTopic;
        await using (var first = await EngineHost.StartAsync(options, mock.BootstrapServers, NullLoggerFactory.Instance, timeout.Token))
        {
            await SimulatedRun.ExecuteAsync(first, new StorefrontSimulator(simulation), mock.BootstrapServers, progress: null, timeout.Token);
        }

        // The first run drained and committed every partition up to its end: the next one resumes with nothing to read.
        await using var second = await EngineHost.StartAsync(options, mock.BootstrapServers, NullLoggerFactory.Instance, timeout.Token);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        giveUp.CancelAfter(TimeSpan.FromMinutes(2));
        await second.RunAsync(giveUp.Token, stopWhenCaughtUp: () => true);

        Assert.False(giveUp.IsCancellationRequested, "the bounded run did not end: it never saw itself caught up");
        Assert.Equal(0, second.Source.RecordsConsumed);
    }
}
