using StreamEngine.ClickHouse;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.IntegrationTests.Support;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// The input the process fault tests share, and what one uninterrupted engine process writes for it: the expected
/// results, computed once per test run (in a database of its own, dropped after it is read).
/// </summary>
internal static class FaultScenario
{
    private static readonly Lazy<List<(string Topic, byte[] Key, byte[] Value, long TimestampMs)>> Records = new(Simulate);
    private static Task<List<Relation>>? _uninterrupted;

    /// <summary>
    /// A week of storefront traffic (200,000 records: deliveries, receipts and reorders happen, one product's demand
    /// jumps 40-fold on day 3) with one bad record per 200 clicks mixed in, so that every table and output topic has rows.
    /// </summary>
    public static IReadOnlyList<(string Topic, byte[] Key, byte[] Value, long TimestampMs)> Input => Records.Value;

    /// <summary>What one engine process that is never interrupted writes for <see cref="Input"/>.</summary>
    public static Task<List<Relation>> UninterruptedResultsAsync(ClickHouseFixture clickHouse, ClickHouseClient client) =>
        _uninterrupted ??= RunUninterruptedAsync(clickHouse, client);

    private static List<(string Topic, byte[] Key, byte[] Value, long TimestampMs)> Simulate()
    {
        var simulation = new SimulatorOptions
        {
            EventCount = 200_000,
            Seed = 7,
            Users = 5_000,
            Products = 100,
            Duration = TimeSpan.FromDays(7),
            DemandStep = new DemandStep { SkuIndex = 7, At = new SimulatorOptions().Start.AddDays(3), Factor = 40 },
        };
        var records = SimulationSource.Records(new StorefrontSimulator(simulation));
        return [.. new BadPayloads(seed: 7, badPerValid: 0.005).Mix(records, simulation.Topics.Clickstream)];
    }

    private static async Task<List<Relation>> RunUninterruptedAsync(ClickHouseFixture clickHouse, ClickHouseClient client)
    {
        var database = $"it_{Guid.NewGuid():N}_uninterrupted";
        await client.ExecuteAsync($"CREATE DATABASE {database}");
        try
        {
            await using var run = ProcessRun.Start("uninterrupted", clickHouse, database, Input);
            run.StartEngine();
            return await run.FinishAsync(client);
        }
        finally
        {
            await client.ExecuteAsync($"DROP DATABASE IF EXISTS {database}");
        }
    }
}
