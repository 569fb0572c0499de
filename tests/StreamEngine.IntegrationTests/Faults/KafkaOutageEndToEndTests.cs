using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// Every broker of the cluster goes down mid-run and comes back: the engine waits without failing, reports the
/// outage in metrics and readiness, and ends with exactly the ground truth.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class KafkaOutageEndToEndTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task AllBrokersDownMidRun_EngineWaitsAndReportsIt_ThenEndsWithTheGroundTruth()
    {
        var httpPort = ClickHouseClientTests.UnusedPort();
        var options = EngineOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamEngine:ClickHouse:Url"] = Fixture.Url.ToString(),
            ["StreamEngine:ClickHouse:Database"] = Database,
            ["StreamEngine:Http:Url"] = $"http://127.0.0.1:{httpPort}",
            ["StreamEngine:Kafka:GroupId"] = $"it-{Guid.NewGuid():N}",
            ["StreamEngine:Checkpoints:Interval"] = "00:00:01",
        }).Build());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var mock = new MockKafkaCluster(brokers: 3);
        mock.EnsureTopics(options.Kafka.InputTopics);
        var simulator = new StorefrontSimulator(new SimulatorOptions
        {
            EventCount = 60_000,
            Seed = 31,
            Users = 5_000,
            Products = 300,
            Topics = { Clickstream = options.Kafka.ClickstreamTopic, Transactions = options.Kafka.TransactionsTopic, Inventory = options.Kafka.InventoryTopic },
        });
        await using var host = await EngineHost.StartAsync(options, mock.BootstrapServers, NullLoggerFactory.Instance, timeout.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };

        // Half the records first; the rest are produced once the brokers are back.
        var records = SimulationSource.Records(simulator).ToList();
        var half = records.Count / 2;
        var producerDone = 0;
        var engine = host.RunAsync(timeout.Token, () => Volatile.Read(ref producerDone) == 1);
        using (var producer = new RecordProducer(options.Kafka.BuildProducerConfig(mock.BootstrapServers)))
        {
            producer.Produce(records.Take(half), 0, () => host.Source.Consumed, SimulatedRun.MaxRecordsAhead, SimulatedRun.MaxBytesAhead, null, timeout.Token);
        }

        await WaitUntilAsync(() => host.Source.RecordsConsumed >= half || engine.IsCompleted, "half the records consumed");
        for (var broker = 1; broker <= mock.Brokers; broker++)
        {
            mock.SetBrokerDown(broker);
        }

        await WaitUntilAsync(() => host.Metrics.KafkaUp.Value == 0 || engine.IsCompleted, "the outage to be reported");
        Assert.False(engine.IsCompleted, $"the engine stopped during the outage: {engine.Exception?.GetBaseException()}");
        using (var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("\"kafka\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(engine.IsCompleted, $"the engine stopped during the outage: {engine.Exception?.GetBaseException()}");
        for (var broker = 1; broker <= mock.Brokers; broker++)
        {
            mock.SetBrokerUp(broker);
        }

        await WaitUntilAsync(() => host.Metrics.KafkaUp.Value == 1 || engine.IsCompleted, "the brokers to be reachable again");
        using (var producer = new RecordProducer(options.Kafka.BuildProducerConfig(mock.BootstrapServers)))
        {
            producer.Produce(records.Skip(half), 0, () => host.Source.Consumed, SimulatedRun.MaxRecordsAhead, SimulatedRun.MaxBytesAhead, null, timeout.Token);
        }

        Volatile.Write(ref producerDone, 1);
        await engine.WaitAsync(timeout.Token);
        await ProductActivityTruth.AssertEqualsGroundTruthAsync(Client, Database, simulator.GroundTruth);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
