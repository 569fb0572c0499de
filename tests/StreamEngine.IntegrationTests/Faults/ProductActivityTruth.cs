using System.Globalization;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Simulation;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>Reads product_activity the documented way (FINAL) and compares it with the simulator's ground truth.</summary>
internal static class ProductActivityTruth
{
    public static async Task AssertEqualsGroundTruthAsync(ClickHouseClient client, string database, GroundTruth truth)
    {
        var rows = await client.QueryAsync(
            $"""
            SELECT key, country, sum(views), sum(add_to_carts), sum(purchases), sum(units)
            FROM {database}.product_activity FINAL
            WHERE dimension = 'sku' AND window_seconds = 60
            GROUP BY key, country
            """);
        var actual = rows.ToDictionary(
            r => (r[0], r[1]),
            r => new SkuCountryCounts(Long(r[2]), Long(r[3]), Long(r[4]), Long(r[5])));
        var expected = truth.BySkuCountry.Where(p => p.Value != default).ToDictionary(p => p.Key, p => p.Value);
        Assert.True(expected.Count > 100, "the simulation should touch many products");
        Assert.Equal(expected.OrderBy(p => p.Key).ToList(), actual.OrderBy(p => p.Key).ToList());

        // Hour windows hop every 10 minutes: every view is in exactly six of them, and nothing was late.
        var views = truth.BySkuCountry.Values.Sum(c => c.ProductViews);
        var hourly = await client.ScalarAsync<long>(
            $"SELECT sum(views) FROM {database}.product_activity FINAL WHERE dimension = 'sku' AND window_seconds = 3600");
        Assert.Equal(6 * views, hourly);
        Assert.Equal(0, await client.ScalarAsync<long>($"SELECT count() FROM {database}.late_events FINAL"));
    }

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
