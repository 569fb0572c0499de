using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.Operations;

/// <summary>
/// An engine that keeps running for the length of a test: a fresh mock Kafka cluster, the simulator producing at a
/// steady rate in the background, the engine consuming into the test's ClickHouse database and serving its operations
/// endpoint (status page, /metrics) on a free loopback port. Disposing stops producer and engine.
/// </summary>
internal sealed class LiveEngine : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _stopProducing;
    private readonly MockKafkaCluster _mock;
    private readonly EngineHost _host;
    private readonly Task _engine;
    private readonly Task _producer;

    private LiveEngine(CancellationTokenSource stop, CancellationTokenSource stopProducing, MockKafkaCluster mock, EngineHost host, Task engine, Task producer)
    {
        _stop = stop;
        _stopProducing = stopProducing;
        _mock = mock;
        _host = host;
        _engine = engine;
        _producer = producer;
        BaseUrl = new Uri(host.HttpAddresses.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    /// <summary>The operations endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    public EngineHost Host => _host;

    /// <summary>The mock cluster's brokers, for tests that produce records of their own next to the simulator's.</summary>
    public string BootstrapServers => _mock.BootstrapServers;

    /// <summary>Starts the engine and produces <paramref name="simulation"/> at <paramref name="eventsPerSecond"/>.</summary>
    public static async Task<LiveEngine> StartAsync(ClickHouseFixture clickHouse, string database, SimulatorOptions simulation, double eventsPerSecond)
    {
        var options = EngineOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamEngine:ClickHouse:Url"] = clickHouse.Url.ToString(),
            ["StreamEngine:ClickHouse:Database"] = database,
            ["StreamEngine:Http:Url"] = "http://127.0.0.1:0",
            ["StreamEngine:Kafka:GroupId"] = $"it-{Guid.NewGuid():N}",
        }).Build());
        var mock = new MockKafkaCluster(brokers: 3);
        mock.EnsureTopics(options.Kafka.InputTopics);
        simulation.Topics.Clickstream = options.Kafka.ClickstreamTopic;
        simulation.Topics.Transactions = options.Kafka.TransactionsTopic;
        simulation.Topics.Inventory = options.Kafka.InventoryTopic;
        var simulator = new StorefrontSimulator(simulation);
        var host = await EngineHost.StartAsync(options, mock.BootstrapServers, NullLoggerFactory.Instance, CancellationToken.None);
        var stop = new CancellationTokenSource();
        var stopProducing = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        var engine = host.RunAsync(stop.Token);
        var producer = Task.Run(() =>
        {
            using var records = new RecordProducer(options.Kafka.BuildProducerConfig(mock.BootstrapServers));
            records.Produce(SimulationSource.Records(simulator), eventsPerSecond, () => host.Source.Consumed, SimulatedRun.MaxRecordsAhead, SimulatedRun.MaxBytesAhead, null, stopProducing.Token);
        });
        return new LiveEngine(stop, stopProducing, mock, host, engine, producer);
    }

    /// <summary>Stops the simulator's traffic (the engine keeps running), so records a test produces itself come last.</summary>
    public async Task StopProducingAsync()
    {
        await _stopProducing.CancelAsync();
        try
        {
            await _producer;
        }
        catch (OperationCanceledException)
        {
            // Expected: the producer is stopped mid-stream.
        }
    }

    /// <summary>Fails the test with the engine's (or the producer's) own error if it stopped while it should be running.</summary>
    public void ThrowIfStopped()
    {
        if (_producer.IsFaulted && !_stopProducing.IsCancellationRequested)
        {
            _producer.GetAwaiter().GetResult();
        }

        if (_engine.IsCompleted)
        {
            _engine.GetAwaiter().GetResult();
            throw new InvalidOperationException("The engine stopped without an error while the test still needed it.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _producer;
        }
        catch (OperationCanceledException)
        {
            // Expected: the producer is stopped mid-stream.
        }

        try
        {
            await _engine;
        }
        finally
        {
            await _host.DisposeAsync();
            _mock.Dispose();
            _stopProducing.Dispose();
            _stop.Dispose();
        }
    }
}
