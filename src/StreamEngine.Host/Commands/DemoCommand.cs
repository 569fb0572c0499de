using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Commands;

/// <summary>
/// <c>streamengine demo</c>: simulated storefront traffic into the embedded Kafka, the engine over it until it has
/// caught up, then a summary read back from ClickHouse. Production and consumption overlap because the mock cluster
/// keeps only the newest 5 MB per partition.
/// </summary>
internal static class DemoCommand
{
    private const long MaxRecordsAhead = 20_000;

    public static async Task<int> ExecuteAsync(IConfiguration configuration, CommandLine flags, CancellationToken cancellationToken)
    {
        var options = EngineOptions.Load(configuration);
        var (simulator, simulation) = SimulationSource.Create(configuration, options, flags, defaultEvents: 1_000_000);
        using var loggerFactory = Logging.Create(flags.Has("verbose") ? LogLevel.Information : LogLevel.Warning);
        using var mock = options.Kafka.UsesMockCluster ? new MockKafkaCluster(options.Kafka.MockBrokers, loggerFactory.CreateLogger("StreamEngine")) : null;
        var bootstrap = mock?.BootstrapServers ?? options.Kafka.BootstrapServers;
        mock?.EnsureTopics(options.Kafka.InputTopics);

        await using var host = await EngineHost.StartAsync(options, bootstrap, loggerFactory, cancellationToken);
        Console.WriteLine($"StreamEngine demo: {simulation.EventCount:N0} simulated events -> Kafka ({(mock is null ? bootstrap : "embedded mock cluster")}) -> engine -> ClickHouse {options.ClickHouse.Url}");
        var clock = Stopwatch.StartNew();
        var producerDone = 0;
        var engine = host.RunAsync(cancellationToken, () => Volatile.Read(ref producerDone) == 1);
        var produced = await Task.Run(
            () =>
            {
                using var producer = new RecordProducer(options.Kafka.BuildProducerConfig(bootstrap));
                try
                {
                    return producer.Produce(
                        SimulationSource.Records(simulator),
                        ratePerSecond: 0,
                        consumed: () => host.Source.RecordsConsumed,
                        maxAhead: MaxRecordsAhead,
                        progress: n => Console.Write($"\r  produced {n:N0}, consumed {host.Source.RecordsConsumed:N0}   "),
                        cancellationToken);
                }
                finally
                {
                    Volatile.Write(ref producerDone, 1);
                }
            },
            cancellationToken);
        await engine;
        clock.Stop();
        var consumed = host.Source.RecordsConsumed;
        Console.WriteLine($"\r  produced {produced:N0}, consumed {consumed:N0} in {clock.Elapsed.TotalSeconds:0.0} s ({consumed / clock.Elapsed.TotalSeconds:N0} events/s end to end, bounded by the mock cluster)");
        await DemoSummary.PrintAsync(host, simulator.GroundTruth, cancellationToken);
        return 0;
    }
}
