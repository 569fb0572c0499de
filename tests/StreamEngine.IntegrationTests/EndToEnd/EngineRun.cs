using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>
/// One bounded engine run on real components: a fresh mock Kafka cluster, the shared ClickHouse server with the test's
/// own database, the simulator producing while the engine consumes, and configuration bound the way the CLI binds it.
/// <c>beforeKafkaDisposed</c> receives the mock cluster's bootstrap servers after the run, to read output topics.
/// </summary>
internal static class EngineRun
{
    /// <summary>
    /// Runs the engine until it has drained everything simulated; <paramref name="inspect"/>, if given, then sees the
    /// host (metrics) and the mock cluster (output topics) before they are disposed.
    /// </summary>
    public static async Task<GroundTruth> ExecuteAsync(
        ClickHouseFixture clickHouse,
        string database,
        SimulatorOptions simulation,
        IDictionary<string, string?>? settings = null,
        Func<IEnumerable<(string Topic, byte[] Key, byte[] Value, long TimestampMs)>, IEnumerable<(string Topic, byte[] Key, byte[] Value, long TimestampMs)>>? mix = null,
        Func<string, IAsyncDisposable>? watchKafka = null,
        Func<EngineHost, MockKafkaCluster, Task>? inspect = null,
        Action<string, KafkaOptions>? inspectKafka = null,
        Func<string, Task>? beforeKafkaDisposed = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["StreamEngine:ClickHouse:Url"] = clickHouse.Url.ToString(),
            ["StreamEngine:ClickHouse:Database"] = database,
            ["StreamEngine:Http:Url"] = "",
            ["StreamEngine:Kafka:GroupId"] = $"it-{Guid.NewGuid():N}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var options = EngineOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var mock = new MockKafkaCluster(brokers: 3);
        mock.EnsureTopics(options.Kafka.InputTopics);
        simulation.Topics.Clickstream = options.Kafka.ClickstreamTopic;
        simulation.Topics.Transactions = options.Kafka.TransactionsTopic;
        simulation.Topics.Inventory = options.Kafka.InventoryTopic;
        var simulator = new StorefrontSimulator(simulation);
        await using var host = await EngineHost.StartAsync(options, mock.BootstrapServers, NullLoggerFactory.Instance, timeout.Token);
        var watcher = watchKafka?.Invoke(mock.BootstrapServers);
        var records = SimulationSource.Records(simulator);
        var produced = await SimulatedRun.ExecuteAsync(host, mix is null ? records : mix(records), mock.BootstrapServers, progress: null, timeout.Token);

        // The engine also consumes its own demand repartition topic; compare the simulator's three topics only.
        var consumedInputs = new[] { options.Kafka.ClickstreamTopic, options.Kafka.TransactionsTopic, options.Kafka.InventoryTopic }
            .Sum(topic => (long)host.Metrics.EventsConsumed.WithLabels(topic).Value);
        Assert.Equal(produced, consumedInputs);
        if (watcher is not null)
        {
            await watcher.DisposeAsync();
        }

        inspectKafka?.Invoke(mock.BootstrapServers, options.Kafka); // while the mock cluster still lives
        if (inspect is not null)
        {
            await inspect(host, mock);
        }

        if (beforeKafkaDisposed is not null)
        {
            // The mock cluster (and the output topics on it) lives only until this method returns.
            await beforeKafkaDisposed(mock.BootstrapServers);
        }

        return simulator.GroundTruth;
    }
}
