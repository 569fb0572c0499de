using System.Globalization;
using System.Text.RegularExpressions;
using StreamEngine.Core.Features;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.Commands;

/// <summary>
/// <c>streamengine demo</c> as its own process on the embedded mock Kafka and the real ClickHouse: everything its
/// summary prints is checked against ClickHouse and against the same seeded simulation run here.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed partial class DemoCommandTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    private const int Events = 20_000;
    private const int Seed = 3;
    private const string NativePort = "29123";

    [Fact]
    public async Task Demo_PrintsThroughputRowsGroundTruthCheckTopProductsAndSql_ThatMatchClickHouse()
    {
        var run = await RunDemoAsync();

        Assert.True(run.ExitCode == 0, run.Describe());
        var lines = run.Lines;
        var truth = EngineCommand.SimulateHere(Events, Seed);
        var converter = new CurrencyConverter(EngineOptions.Load(EngineCommand.AppSettings).Features);
        Assert.Contains(lines, l => l.Contains("No Kafka bootstrap servers configured: started librdkafka's embedded mock cluster at 127.0.0.1:", StringComparison.Ordinal));

        // produced N, consumed N (+D demand records ...) in S s (R records/s end to end ...)
        var throughput = lines.Select(l => ThroughputLine().Match(l)).Single(m => m.Success);
        var (produced, consumed, demand) = (Number(throughput.Groups[1].Value), Number(throughput.Groups[2].Value), Number(throughput.Groups[3].Value));
        var (seconds, perSecond) = (double.Parse(throughput.Groups[4].Value, CultureInfo.InvariantCulture), Number(throughput.Groups[5].Value));
        Assert.Equal(Events, produced);
        Assert.Equal(truth.TotalRecords, produced);
        Assert.Equal(produced, consumed);
        Assert.InRange(perSecond, ((consumed + demand) / (seconds + 0.05)) - 1, ((consumed + demand) / (seconds - 0.05)) + 1); // seconds printed to 0.1

        // Rows in ClickHouse (FINAL): one line per table, each the table's row count.
        var tables = Section(lines, "Rows in ClickHouse (FINAL):").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Contains(tables, t => t[0] == "product_activity");
        foreach (var table in tables)
        {
            Assert.Equal(await Client.ScalarAsync<long>($"SELECT count() FROM {Database}.{table[0]} FINAL"), Number(table[1]));
        }

        // The ground-truth check: engine value = ClickHouse's sum, simulated value = this process's simulation.
        var check = Section(lines, "Per-minute product windows vs the simulator's ground truth");
        var sums = (await Client.QueryAsync(
            $"SELECT sum(views), sum(add_to_carts), sum(purchases), sum(units), sum(revenue_minor) FROM {Database}.product_activity FINAL WHERE dimension = 'sku' AND window_seconds = 60"))[0];
        long[] simulated =
        [
            truth.BySkuCountry.Values.Sum(c => c.ProductViews), truth.BySkuCountry.Values.Sum(c => c.AddToCarts),
            truth.BySkuCountry.Values.Sum(c => c.Purchases), truth.BySkuCountry.Values.Sum(c => c.PurchasedUnits),
            truth.PurchaseLines.Sum(l => converter.Convert(l.PriceMinor * l.Quantity, l.Currency)),
        ];
        string[] measures = ["views", "add to carts", "purchases", "units", "revenue (minor)"];
        for (var i = 0; i < measures.Length; i++)
        {
            var match = MeasureLine().Match(check.Single(l => l.TrimStart().StartsWith(measures[i] + "  ", StringComparison.Ordinal)));
            Assert.True(match.Success, $"unexpected line for {measures[i]}");
            Assert.Equal(Number(sums[i]), Number(match.Groups[1].Value));
            Assert.Equal(simulated[i], Number(match.Groups[2].Value));
            Assert.Equal("equal", match.Groups[3].Value);
        }

        Assert.Contains("  check: every (sku, country) equals the ground truth in every measure", check);

        // Top products: the five most viewed SKUs of the simulation, each with ClickHouse's views, purchases, revenue.
        var top = Section(lines, "Top products by views:").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var expectedTop = truth.BySkuCountry.GroupBy(p => p.Key.Sku).Select(g => (Sku: g.Key, Views: g.Sum(p => p.Value.ProductViews)))
            .OrderByDescending(s => s.Views).ThenBy(s => s.Sku, StringComparer.Ordinal).Take(5).ToList();
        Assert.Equal(expectedTop.Select(s => $"{s.Sku} {s.Views}"), top.Select(t => $"{t[0]} {t[1]}"));
        foreach (var product in top)
        {
            var row = (await Client.QueryAsync(
                $"SELECT sum(views), sum(purchases), sum(revenue_minor) FROM {Database}.product_activity FINAL WHERE dimension = 'sku' AND window_seconds = 60 AND key = '{product[0]}'"))[0];
            Assert.Equal(row[0], product[1]);
            Assert.Equal(row[1], product[2]);
            Assert.Equal(Number(row[2]), (long)Math.Round(decimal.Parse(product[3], CultureInfo.InvariantCulture) * 100));
        }

        // The SQL to explore further: aimed at the engine's server and database, and it answers there.
        var sql = lines.Select(l => ClientLine().Match(l)).Single(m => m.Success);
        Assert.Equal(Fixture.Url.Host, sql.Groups[1].Value);
        Assert.Equal(NativePort, sql.Groups[2].Value);
        Assert.Contains($"FROM {Database}.", sql.Groups[3].Value, StringComparison.Ordinal);
        Assert.NotEmpty(await Client.QueryAsync(sql.Groups[3].Value));
    }

    /// <summary>
    /// No out-of-orderness allowed and no grace for the feature windows: the simulator's out-of-order events arrive after
    /// their windows closed, go to late_events instead of product_activity, and the demo says its results differ and fails.
    /// </summary>
    [Fact]
    public async Task Demo_ResultsDifferFromGroundTruth_SaysSoAndExitsNonZero()
    {
        var run = await RunDemoAsync("--StreamEngine:EventTime:AllowedOutOfOrderness=00:00:00", "--StreamEngine:Features:Grace=00:00:00");

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.True(
            await Client.ScalarAsync<long>($"SELECT count() FROM {Database}.late_events FINAL WHERE pipeline = 'product_activity'") > 0,
            "the run should have had late product events");
        Assert.Contains(run.Lines, l => l.Contains("DIFFERENT", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("  check FAILED: ", StringComparison.Ordinal));
    }

    private Task<CommandResult> RunDemoAsync(params string[] settings) => EngineCommand.RunAsync(
        [
            "demo", "--events", $"{Events}", "--seed", $"{Seed}",
            $"--StreamEngine:ClickHouse:Url={Fixture.Url}", $"--StreamEngine:ClickHouse:Database={Database}", "--StreamEngine:Http:Url=",
            .. settings,
        ],
        TimeSpan.FromMinutes(3),
        new Dictionary<string, string> { ["STREAMENGINE_CLICKHOUSE_TCP_PORT"] = NativePort });


    /// <summary>The lines after the one starting with <paramref name="heading"/>, up to the next blank line.</summary>
    private static List<string> Section(IReadOnlyList<string> lines, string heading)
    {
        var start = lines.ToList().FindIndex(l => l.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no '{heading}' in the demo's output");
        return lines.Skip(start + 1).TakeWhile(l => l.Trim().Length > 0).ToList();
    }

    private static long Number(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"produced ([\d,]+), consumed ([\d,]+) \(\+([\d,]+) demand records[^)]*\) in ([\d.]+) s \(([\d,]+) records/s")]
    private static partial Regex ThroughputLine();

    [GeneratedRegex(@"^\s+[a-z ()]+?\s+([\d,]+)\s+simulated\s+([\d,]+)\s+(\w+)$")]
    private static partial Regex MeasureLine();

    [GeneratedRegex("""clickhouse-client --host (\S+) --port (\d+) --query "(.*)"$""")]
    private static partial Regex ClientLine();
}
