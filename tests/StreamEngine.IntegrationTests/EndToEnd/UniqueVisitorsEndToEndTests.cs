using System.Globalization;
using System.Text.Json;
using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Configuration;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>The sparse visitor sketches stored per window merge in SQL to exactly the sketch of all visitors.</summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class UniqueVisitorsEndToEndTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task UniqueVisitors_MergedAcrossWindowsAndPartitionsInSql_EqualTheSketchOfAllVisitors()
    {
        var simulation = new SimulatorOptions { EventCount = 20_000, Seed = 5, Users = 2_000, Products = 100 };
        await EngineRun.ExecuteAsync(Fixture, Database, simulation);

        var rows = await Client.QueryAsync(
            $"""
            SELECT key, {HyperLogLog.ClickHouseSparseEstimateSql} AS estimate
            FROM
            (
                SELECT key, intDiv(e, 64) AS register, max(e % 64) AS r
                FROM {Database}.product_activity FINAL
                ARRAY JOIN visitor_sketch AS e
                WHERE dimension = 'sku' AND window_seconds = 60
                GROUP BY key, register
            )
            GROUP BY key
            """);

        var visitors = VisitorsPerSku(simulation);
        Assert.Equal(visitors.Count, rows.Count);
        foreach (var row in rows)
        {
            var exact = visitors[row[0]];
            var sketch = default(HyperLogLog);
            foreach (var user in exact)
            {
                sketch.Add(user);
            }

            var estimate = double.Parse(row[1], CultureInfo.InvariantCulture);
            Assert.Equal(sketch.Estimate(), estimate, 6);
            Assert.InRange(estimate, exact.Count * 0.85, exact.Count * 1.15);
        }
    }

    // The engine pseudonymises user ids with the development secret, so the same hashes rebuild the same sketch.
    private static Dictionary<string, HashSet<ulong>> VisitorsPerSku(SimulatorOptions simulation)
    {
        var pseudonymizer = new Pseudonymizer(PrivacyOptions.DevelopmentSecret);
        var visitors = new Dictionary<string, HashSet<ulong>>(StringComparer.Ordinal);
        foreach (var record in new StorefrontSimulator(simulation).Generate().Where(r => r.Topic == simulation.Topics.Clickstream))
        {
            using var json = JsonDocument.Parse(record.Value);
            var root = json.RootElement;
            if (root.GetProperty("type").GetString() is not ("product_view" or "add_to_cart" or "checkout_start" or "purchase") ||
                !root.TryGetProperty("sku", out var skuElement))
            {
                continue;
            }

            var sku = skuElement.GetString()!;
            if (!visitors.TryGetValue(sku, out var users))
            {
                users = [];
                visitors.Add(sku, users);
            }

            users.Add(pseudonymizer.Pseudonymize(root.GetProperty("user_id").GetString()!));
        }

        return visitors;
    }
}
