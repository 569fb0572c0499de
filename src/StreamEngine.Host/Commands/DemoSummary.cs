using StreamEngine.Core.Features;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Engine;
using StreamEngine.Host.Features;

namespace StreamEngine.Host.Commands;

/// <summary>What the demo prints after the run: rows written, totals checked against the simulator, top products, SQL.</summary>
internal static class DemoSummary
{
    /// <summary>Prints the summary; returns whether ClickHouse equals the simulator's ground truth.</summary>
    public static async Task<bool> PrintAsync(EngineHost host, GroundTruth truth, CancellationToken cancellationToken)
    {
        var db = host.Options.ClickHouse.Database;
        var currency = host.Options.Features.ReportingCurrency;
        var client = host.ClickHouse;
        Console.WriteLine();
        Console.WriteLine("Rows in ClickHouse (FINAL):");
        foreach (var table in FeatureCatalog.AllTables(FeatureCatalog.Create(host.Options)).Select(t => t.Name))
        {
            var rows = await client.ScalarAsync<long>($"SELECT count() FROM {db}.{table} FINAL", cancellationToken: cancellationToken);
            Console.WriteLine($"  {table,-28} {rows,12:N0}");
        }

        var check = GroundTruthCheck.Compare(
            truth,
            new CurrencyConverter(host.Options.Features),
            await client.QueryAsync(GroundTruthCheck.Query(db), cancellationToken: cancellationToken));
        Console.WriteLine();
        check.Print(Console.Out, currency);

        var top = await client.QueryAsync(
            $"""
            SELECT key, sum(views) AS views, sum(purchases) AS purchases, round(sum(revenue_minor) / 100, 2) AS revenue
            FROM {db}.product_activity FINAL
            WHERE dimension = 'sku' AND window_seconds = 60
            GROUP BY key ORDER BY views DESC, key LIMIT 5
            """,
            cancellationToken: cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"Top products by views:  sku          views  purchases  revenue ({currency})");
        foreach (var row in top)
        {
            Console.WriteLine($"                        {row[0],-10} {row[1],7} {row[2],10} {row[3],14}");
        }

        await ClickstreamSummary.PrintAsync(host, cancellationToken);
        Console.WriteLine();
        Console.WriteLine("Query the results yourself, for example:");
        Console.WriteLine($"  clickhouse-client --host {host.Options.ClickHouse.Url.Host} --port {NativePort()} --query \"SELECT key, sum(views) v FROM {db}.product_activity FINAL WHERE dimension='category' AND window_seconds=3600 GROUP BY key ORDER BY v DESC LIMIT 10\"");
        Console.WriteLine("  More example queries: docs/features.md");
        return check.Matches;
    }

    /// <summary>The native-protocol port of the server run.sh starts (the engine itself only knows the HTTP URL).</summary>
    private static string NativePort() => Environment.GetEnvironmentVariable("STREAMENGINE_CLICKHOUSE_TCP_PORT") ?? "19000";
}
