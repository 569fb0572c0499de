using System.Globalization;
using StreamEngine.Core.Features;
using StreamEngine.Core.Simulation;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>Simulator -> mock Kafka -> engine -> real ClickHouse: the product windows must equal the ground truth exactly.</summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class ProductActivityEndToEndTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    /// <summary>
    /// Counts, and revenue to the cent: it is converted into the reporting currency per purchase line and rounded there
    /// (ProductActivityAggregate), so the reference converts each emitted line with the engine's converter and sums.
    /// </summary>
    [Fact]
    public async Task SimulatedTraffic_MinuteWindowsPerSkuAndCountry_EqualGroundTruthExactly()
    {
        var truth = await EngineRun.ExecuteAsync(Fixture, Database, new SimulatorOptions { EventCount = 40_000, Seed = 7, Users = 3_000, Products = 300 });
        var converter = new CurrencyConverter(new FeatureOptions());

        var rows = await Client.QueryAsync(
            $"""
            SELECT key, country, sum(views), sum(add_to_carts), sum(purchases), sum(units), sum(revenue_minor)
            FROM {Database}.product_activity FINAL
            WHERE dimension = 'sku' AND window_seconds = 60
            GROUP BY key, country
            """);
        var actual = rows.ToDictionary(
            r => (r[0], r[1]),
            r => new SkuCountryCounts(Long(r[2]), Long(r[3]), Long(r[4]), Long(r[5])));
        var expected = truth.BySkuCountry
            .Where(p => p.Value != default)
            .ToDictionary(p => p.Key, p => p.Value);
        var actualRevenue = rows.Where(r => r[6] != "0").ToDictionary(r => (r[0], r[1]), r => Long(r[6]));
        var expectedRevenue = truth.PurchaseLines
            .GroupBy(l => (l.Sku, l.Country))
            .Select(g => (g.Key, Revenue: g.Sum(l => converter.Convert(l.PriceMinor * l.Quantity, l.Currency))))
            .Where(p => p.Revenue != 0)
            .ToDictionary(p => p.Key, p => p.Revenue);

        Assert.True(expected.Count > 100, "the simulation should touch many products");
        Assert.True(truth.RevenueMinorByCurrency.Count > 1 && expectedRevenue.Count > 50, "the simulation should sell many products in several currencies");
        Assert.Equal(expected.OrderBy(p => p.Key).ToList(), actual.OrderBy(p => p.Key).ToList());
        Assert.Equal(0, converter.UnknownCurrencyCount);
        Assert.Equal(expectedRevenue.OrderBy(p => p.Key).ToList(), actualRevenue.OrderBy(p => p.Key).ToList());
    }

    [Fact]
    public async Task SimulatedTraffic_HourWindowsHoppingEveryTenMinutes_CountEachViewSixTimes()
    {
        var truth = await EngineRun.ExecuteAsync(Fixture, Database, new SimulatorOptions { EventCount = 20_000, Seed = 11, Users = 2_000, Products = 200 });
        var views = truth.BySkuCountry.Values.Sum(c => c.ProductViews);

        var hourly = await Client.ScalarAsync<long>(
            $"SELECT sum(views) FROM {Database}.product_activity FINAL WHERE dimension = 'sku' AND window_seconds = 3600");
        var byCategory = await Client.ScalarAsync<long>(
            $"SELECT sum(views) FROM {Database}.product_activity FINAL WHERE dimension = 'category' AND window_seconds = 60");
        var late = await Client.ScalarAsync<long>($"SELECT count() FROM {Database}.late_events FINAL");

        Assert.Equal(6 * views, hourly);
        Assert.Equal(views, byCategory);
        Assert.Equal(0, late);
    }

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
