using System.Globalization;
using Microsoft.Extensions.Configuration;
using StreamEngine.Core;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Configuration;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Commands;

/// <summary>
/// <c>streamengine simulate</c>: seeded storefront traffic to a Kafka cluster, at --rate records per second or as fast
/// as possible, then the ground truth it produced (counts per type) so results can be checked against it. With
/// <c>--out FILE</c> it writes JSON lines instead (see <see cref="SimulationFile"/>), no Kafka needed. With
/// <c>--live</c> it is a storefront: event time starts now and runs with the wall clock, --rate is the mean rate (it
/// follows a daily rhythm), and it produces until stopped.
/// </summary>
internal static class SimulateCommand
{
    private const long DefaultEvents = 1_000_000;
    private const long DefaultLiveRate = 200;

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

        if (flags.Has("live"))
        {
            return Task.FromResult(ProduceLive(configuration, options, flags, TimeProvider.System, cancellationToken));
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

    /// <summary>
    /// Continuous storefront traffic with current timestamps until <paramref name="cancellationToken"/> is cancelled.
    /// Each start is a new run: event time begins at the start and ids are offset by its Unix milliseconds times 1000,
    /// so a restarted storefront (container restart) neither replays old timestamps nor repeats earlier ids, while the
    /// seed keeps the same users and catalogue.
    /// </summary>
    internal static int ProduceLive(IConfiguration configuration, EngineOptions options, CommandLine flags, TimeProvider time, CancellationToken cancellationToken)
    {
        var (_, simulation) = SimulationSource.Create(configuration, options, flags, defaultEvents: DefaultEvents);
        var rate = flags.GetInt64("rate", DefaultLiveRate);
        if (rate <= 0)
        {
            throw new OptionsException("--rate", "must be positive with --live (records per second on average)");
        }

        var start = time.GetUtcNow();
        simulation.Start = DateTimeOffset.FromUnixTimeMilliseconds(start.ToUnixTimeMilliseconds());
        simulation.Duration = TimeSpan.FromDays(1);
        simulation.EventCount = rate * (long)simulation.Duration.TotalSeconds;
        simulation.Continuous = true;
        simulation.IdOffset = start.ToUnixTimeMilliseconds() * 1000;
        var simulator = new StorefrontSimulator(simulation);
        Console.WriteLine($"simulating a live storefront to {options.Kafka.BootstrapServers}: about {rate:N0} records/s from {simulation.Start:u} (seed {simulation.Seed}) until stopped");
        using var producer = new RecordProducer(options.Kafka.BuildProducerConfig(options.Kafka.BootstrapServers));
        var paced = new EventTimePacer(time).Pace(SimulationSource.Records(simulator), r => r.TimestampMs, cancellationToken);
        producer.Produce(
            paced,
            ratePerSecond: 0,
            consumed: null,
            maxAhead: 0,
            maxBytesAhead: 0,
            progress: n => Console.Error.Write($"\r  {n:N0} records   "),
            cancellationToken);
        return 0;
    }
}
