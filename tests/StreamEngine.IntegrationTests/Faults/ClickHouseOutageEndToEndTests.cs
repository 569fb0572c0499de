using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// The engine's ClickHouse server is stopped mid-run and started again: the engine stops consuming (bounded memory),
/// reports the outage in metrics and readiness, and ends with exactly the ground truth.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class ClickHouseOutageEndToEndTests : IAsyncLifetime
{
    private const long MemoryGrowthBound = 32L * 1024 * 1024;
    private readonly PrivateClickHouseServer _server = new();

    public Task InitializeAsync() => _server.StartAsync();

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task ServerStoppedMidRun_EngineStopsConsumingWithBoundedMemory_ReportsIt_AndEndsWithTheGroundTruth()
    {
        const string database = "outage_test";
        var httpPort = ClickHouseClientTests.UnusedPort();
        var options = EngineOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamEngine:ClickHouse:Url"] = _server.Url.ToString(),
            ["StreamEngine:ClickHouse:Database"] = database,
            ["StreamEngine:ClickHouse:RetryBackoff"] = "00:00:00.100",
            ["StreamEngine:ClickHouse:MaxRetryBackoff"] = "00:00:00.500",
            ["StreamEngine:ClickHouse:RequestTimeout"] = "00:00:05",
            ["StreamEngine:ClickHouse:MaxBufferedBytes"] = (8 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
            ["StreamEngine:Http:Url"] = $"http://127.0.0.1:{httpPort}",
            ["StreamEngine:Kafka:GroupId"] = $"it-{Guid.NewGuid():N}",
        }).Build());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var mock = new MockKafkaCluster(brokers: 3);
        mock.EnsureTopics(options.Kafka.InputTopics);
        var simulator = new StorefrontSimulator(new SimulatorOptions
        {
            EventCount = 200_000,
            Seed = 23,
            Users = 5_000,
            Products = 300,
            Topics = { Clickstream = options.Kafka.ClickstreamTopic, Transactions = options.Kafka.TransactionsTopic, Inventory = options.Kafka.InventoryTopic },
        });
        await using var host = await EngineHost.StartAsync(options, mock.BootstrapServers, NullLoggerFactory.Instance, timeout.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        // The producer stops after 30,000 records until the server is down, so the outage surely hits a running engine.
        using var gate = new ManualResetEventSlim();
        var producerDone = 0;
        var engine = host.RunAsync(timeout.Token, () => Volatile.Read(ref producerDone) == 1);
        var producing = Task.Run(() =>
        {
            using var producer = new RecordProducer(options.Kafka.BuildProducerConfig(mock.BootstrapServers));
            try
            {
                var records = Gated(SimulationSource.Records(simulator), 30_000, gate, timeout.Token);
                return producer.Produce(records, 0, () => host.Source.Consumed, SimulatedRun.MaxRecordsAhead, SimulatedRun.MaxBytesAhead, null, timeout.Token);
            }
            finally
            {
                Volatile.Write(ref producerDone, 1);
            }
        });
        var run = Task.WhenAll(engine, producing);

        // Storefront records only: the engine also consumes its own demand repartition topic.
        long Storefront() => new[] { options.Kafka.ClickstreamTopic, options.Kafka.TransactionsTopic, options.Kafka.InventoryTopic }
            .Sum(topic => (long)host.Metrics.EventsConsumed.WithLabels(topic).Value);
        await WaitUntilAsync(() => (Storefront() == 30_000 && host.Metrics.ClickHouseUp.Value == 1) || run.IsCompleted, "30,000 records consumed and a batch written");
        Assert.False(run.IsCompleted, $"the run ended before the outage: {run.Exception?.GetBaseException()}");
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        await _server.StopAsync();
        gate.Set();

        // The next flush fails: the consume thread stays in the barrier, retrying, and consumes nothing more.
        await WaitUntilAsync(() => host.Metrics.ClickHouseUp.Value == 0 || run.IsCompleted, "a failed flush");
        Assert.False(run.IsCompleted, $"the run ended during the outage: {run.Exception?.GetBaseException()} consumed {host.Source.RecordsConsumed}");
        var consumedAtOutage = host.Source.RecordsConsumed;
        using (var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("\"clickhouse\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        long peak = 0;
        var outageEnd = DateTime.UtcNow.AddSeconds(4);
        while (DateTime.UtcNow < outageEnd)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            await Task.Delay(200);
        }

        Assert.Equal(consumedAtOutage, host.Source.RecordsConsumed);
        Assert.Equal(0, host.Metrics.ClickHouseUp.Value);
        Assert.True(peak - baseline < MemoryGrowthBound, $"managed memory grew by {(peak - baseline) / 1024 / 1024} MB during the outage");

        await _server.StartAsync();
        await run.WaitAsync(timeout.Token);
        var produced = await producing;

        Assert.Equal(produced, Storefront());
        Assert.True(consumedAtOutage < produced, "consumption resumed after the outage");
        Assert.Equal(1, host.Metrics.ClickHouseUp.Value);
        using var client = new ClickHouseClient(new ClickHouseOptions { Url = _server.Url, Database = database });
        await ProductActivityTruth.AssertEqualsGroundTruthAsync(client, database, simulator.GroundTruth);
    }

    private static IEnumerable<T> Gated<T>(IEnumerable<T> records, int before, ManualResetEventSlim gate, CancellationToken cancellationToken)
    {
        var index = 0;
        foreach (var record in records)
        {
            if (index++ == before)
            {
                gate.Wait(cancellationToken);
            }

            yield return record;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
