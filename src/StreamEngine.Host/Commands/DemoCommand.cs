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
/// caught up, then a summary read back from ClickHouse, checked against the simulator's ground truth (exit code 1
/// when they differ). The status page is up while it runs; <c>--hold</c> keeps it
/// (and /metrics) up after the summary until Ctrl+C.
/// </summary>
internal static class DemoCommand
{
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
        var statusPage = host.HttpAddresses is [var address, ..] ? address : null;
        if (statusPage is not null)
        {
            Console.WriteLine($"  status page: {statusPage}/  (metrics: {statusPage}/metrics)");
        }

        var clock = Stopwatch.StartNew();
        var produced = await SimulatedRun.ExecuteAsync(
            host,
            simulator,
            bootstrap,
            n => Console.Write($"\r  produced {n:N0}, consumed {host.Source.RecordsConsumed:N0}   "),
            cancellationToken);
        clock.Stop();
        var consumed = host.Source.RecordsConsumed;
        var repartitioned = (long)host.Metrics.EventsConsumed.WithLabels(options.Kafka.DemandTopic).Value;
        Console.WriteLine(
            $"\r  produced {produced:N0}, consumed {consumed - repartitioned:N0} (+{repartitioned:N0} demand records the engine repartitioned by SKU) " +
            $"in {clock.Elapsed.TotalSeconds:0.0} s ({consumed / clock.Elapsed.TotalSeconds:N0} records/s end to end, bounded by the mock cluster)");
        var matches = await DemoSummary.PrintAsync(host, simulator.GroundTruth, cancellationToken);
        if (flags.Has("hold") && statusPage is not null)
        {
            Console.WriteLine($"Holding: the status page stays at {statusPage}/ until Ctrl+C.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C ends the hold; the demo itself succeeded.
            }
        }

        // A run whose results differ from what was simulated is a failed demo, whatever else it printed.
        return matches ? 0 : 1;
    }
}
