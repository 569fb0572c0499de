using System.Globalization;
using Microsoft.Extensions.Configuration;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Benchmarking;
using StreamEngine.Host.Configuration;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Commands;

/// <summary>
/// <c>streamengine bench</c>: the end-to-end benchmark. By default N pre-serialised simulated records go from memory
/// through the engine on 1 and 2 threads; <c>--kafka</c> runs through the mock Kafka cluster and real ClickHouse and
/// compares the engine with a bare consumer.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> ExecuteAsync(IConfiguration configuration, CommandLine flags, CancellationToken cancellationToken)
    {
        var options = EngineOptions.Load(configuration);
        if (!flags.Has("kafka"))
        {
            options.EventTime.IdleTimeout = BenchRecords.IdleTimeout; // see BenchRecords.TickEvery
        }

        var events = flags.GetInt64("events", flags.Has("kafka") ? 200_000 : 2_000_000);
        var simulation = new SimulatorOptions
        {
            EventCount = events,
            Seed = (int)flags.GetInt64("seed", 42),
            Duration = TimeSpan.FromDays(Math.Max(1, events / 1_000_000)),
            Users = (int)flags.GetInt64("users", 50_000),
        };
        simulation.Topics.Clickstream = options.Kafka.ClickstreamTopic;
        simulation.Topics.Transactions = options.Kafka.TransactionsTopic;
        simulation.Topics.Inventory = options.Kafka.InventoryTopic;
        simulation.Validate();
        Console.WriteLine($"machine         {BenchResult.Machine()}");
        Console.WriteLine($"workload        {events:N0} simulated records (seed {simulation.Seed}, {simulation.Users:N0} users, {simulation.Products:N0} products, {simulation.Duration.TotalDays:0} day(s) of event time)");
        Console.WriteLine();

        if (flags.Has("kafka"))
        {
            var (engine, bare) = await KafkaBenchmark.RunAsync(options, simulation, cancellationToken);
            Console.WriteLine(engine.Format());
            Console.WriteLine($"bare consumer   {bare:N0} events/s on the same cluster; engine / bare = {engine.EventsPerSecond / bare:0.00}");
            return 0;
        }

        if (flags.Has("state-memory"))
        {
            using var cluster = new MockKafkaCluster(options.Kafka.MockBrokers);
            Console.WriteLine(flags.Has("breakdown")
                ? StateMemoryBenchmark.Breakdown(options, simulation, cluster.BootstrapServers)
                : StateMemoryBenchmark.Run(options, simulation, cluster.BootstrapServers));
            return 0;
        }

        var partitions = MockKafkaCluster.PartitionsPerTopic;
        var records = BenchRecords.Create(simulation, partitions);
        using var mock = new MockKafkaCluster(options.Kafka.MockBrokers);
        // Output topics exist before the clock starts: a producer's first message to a missing topic waits ~0.5-1 s.
        var kafka = options.Kafka;
        mock.EnsureTopics([.. kafka.InputTopics, kafka.DeadLetterTopic, kafka.FraudScoresTopic, kafka.ReplenishmentTopic, kafka.IntentTopic]);
        if (flags.Has("breakdown"))
        {
            Console.WriteLine(BreakdownBenchmark.Run(options, records, mock.BootstrapServers));
            return 0;
        }

        var threads = (int)flags.GetInt64("threads", 0);
        foreach (var count in threads > 0 ? [threads] : new[] { 1, Math.Min(2, Environment.ProcessorCount) }.Distinct())
        {
            Console.WriteLine(InMemoryBenchmark.Run(options, records, count, mock.BootstrapServers).Format());
            Console.WriteLine();
        }

        return 0;
    }
}
