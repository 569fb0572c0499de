using System.Globalization;
using Microsoft.Extensions.Configuration;
using StreamEngine.Core;
using StreamEngine.Host.Configuration;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Commands;

/// <summary>
/// <c>streamengine simulate</c>: seeded storefront traffic to a Kafka cluster, at --rate records per second or as fast
/// as possible, then the ground truth it produced (counts per type) so results can be checked against it. With
/// <c>--out FILE</c> it writes JSON lines instead (see <see cref="SimulationFile"/>), no Kafka needed.
/// </summary>
internal static class SimulateCommand
{
    private const long DefaultEvents = 1_000_000;

    public static Task<int> ExecuteAsync(IConfiguration configuration, CommandLine flags, CancellationToken cancellationToken)
    {
        var options = EngineOptions.Load(configuration);
        if (flags.Get("out") is { } path)
        {
            return Task.FromResult(SimulationFile.Write(configuration, options, flags, path, DefaultEvents));
        }

        if (options.Kafka.UsesMockCluster)
        {
            throw new OptionsException(
                $"{KafkaOptions.Section}:{nameof(KafkaOptions.BootstrapServers)}",
                "is required for 'simulate' (the embedded mock cluster lives inside one process; use 'streamengine demo' to run simulator and engine together)");
        }

        var (simulator, simulation) = SimulationSource.Create(configuration, options, flags, defaultEvents: DefaultEvents);
        var rate = flags.GetInt64("rate", 0);
        using var producer = new RecordProducer(options.Kafka.BuildProducerConfig(options.Kafka.BootstrapServers));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var produced = producer.Produce(
            SimulationSource.Records(simulator),
            rate,
            consumed: null,
            maxAhead: 0,
            maxBytesAhead: 0,
            progress: n => Console.Error.Write($"\r  {n:N0} / {simulation.EventCount:N0} records ({n / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0}/s)   "),
            cancellationToken);
        Console.Error.WriteLine();
        clock.Stop();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"produced {produced:N0} records to {options.Kafka.BootstrapServers} in {clock.Elapsed.TotalSeconds:0.000} s ({produced / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} records/s{(rate > 0 ? $", --rate {rate:N0}" : "")}) (seed {simulation.Seed})"));
        var truth = simulator.GroundTruth;
        foreach (var (topic, count) in truth.RecordsByTopic.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  topic {topic,-14} {count,12:N0}");
        }

        foreach (var (type, count) in truth.EventsByType.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  type  {type,-20} {count,12:N0}");
        }

        Console.WriteLine($"  fraud payments {truth.FraudPayments:N0}, sessions {truth.Sessions:N0}, orders {truth.Orders:N0}");
        return Task.FromResult(0);
    }
}
