using StreamEngine.Core.Simulation;
using StreamEngine.Host.Engine;
using StreamEngine.Host.Features;

namespace StreamEngine.Host.Commands;

/// <summary>What the demo prints after the run: rows written, totals checked against the simulator, top products, SQL.</summary>
internal static class DemoSummary
{
    public static async Task PrintAsync(EngineHost host, GroundTruth truth, CancellationToken cancellationToken)
    {
        var db = host.Options.ClickHouse.Database;
        var client = host.ClickHouse;
        Console.WriteLine();
        Console.WriteLine("Rows in ClickHouse (FINAL):");
        foreach (var table in FeatureCatalog.AllTables(FeatureCatalog.Create(host.Options)).Select(t => t.Name))
        {
            var rows = await client.ScalarAsync<long>($"SELECT count() FROM {db}.{table} FINAL", cancellationToken: cancellationToken);
            Console.WriteLine($"  {table,-28} {rows,12:N0}");
        }

        var totals = await client.QueryAsync(
            $"SELECT sum(views), sum(add_to_carts), sum(purchases), sum(units) FROM {db}.product_activity FINAL WHERE dimension = 'sku' AND window_seconds = 60",
            cancellationToken: cancellationToken);
        var expected = truth.BySkuCountry.Values.Aggregate(
            (Views: 0L, Carts: 0L, Purchases: 0L, Units: 0L),
            (acc, c) => (acc.Views + c.ProductViews, acc.Carts + c.AddToCarts, acc.Purchases + c.Purchases, acc.Units + c.PurchasedUnits));
        Console.WriteLine();
        Console.WriteLine("Per-minute product windows vs the simulator's ground truth:");
        Console.WriteLine($"  views        {totals[0][0],12} (simulated {expected.Views:N0})");
        Console.WriteLine($"  add to carts {totals[0][1],12} (simulated {expected.Carts:N0})");
        Console.WriteLine($"  purchases    {totals[0][2],12} (simulated {expected.Purchases:N0})");
        Console.WriteLine($"  units        {totals[0][3],12} (simulated {expected.Units:N0})");

        var top = await client.QueryAsync(
            $"""
            SELECT key, sum(views) AS views, sum(purchases) AS purchases, round(sum(revenue_minor) / 100, 2) AS revenue_usd
            FROM {db}.product_activity FINAL
            WHERE dimension = 'sku' AND window_seconds = 60
            GROUP BY key ORDER BY views DESC LIMIT 5
            """,
            cancellationToken: cancellationToken);
        Console.WriteLine();
        Console.WriteLine("Top products by views:  sku          views  purchases  revenue (USD)");
        foreach (var row in top)
        {
            Console.WriteLine($"                        {row[0],-10} {row[1],7} {row[2],10} {row[3],14}");
        }

        await ClickstreamSummary.PrintAsync(host, cancellationToken);
        Console.WriteLine();
        Console.WriteLine("Query the results yourself, for example:");
        Console.WriteLine($"  clickhouse-client --port {LocalTcpPort()} --query \"SELECT key, sum(views) v FROM {db}.product_activity FINAL WHERE dimension='category' AND window_seconds=3600 GROUP BY key ORDER BY v DESC LIMIT 10\"");
        Console.WriteLine("  More example queries: docs/features.md");
    }

    private static string LocalTcpPort() => Environment.GetEnvironmentVariable("STREAMENGINE_CLICKHOUSE_TCP_PORT") ?? "19000";
}
