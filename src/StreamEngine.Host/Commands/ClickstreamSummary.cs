using System.Globalization;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Commands;

/// <summary>The demo's clickstream highlights: sessions converted, the funnel, trending products, intent signals, anomalies.</summary>
internal static class ClickstreamSummary
{
    public static async Task PrintAsync(EngineHost host, CancellationToken cancellationToken)
    {
        var db = host.Options.ClickHouse.Database;
        var client = host.ClickHouse;
        var sessions = (await client.QueryAsync(
            $"SELECT count(), sum(converted), round(100 * avg(converted), 1), round(sum(abandoned_cart_minor) / 100, 2) FROM {db}.sessions FINAL WHERE superseded = 0",
            cancellationToken: cancellationToken))[0];
        var funnel = (await client.QueryAsync(
            $"SELECT sum(sessions_viewed), sum(sessions_carted), sum(sessions_checked_out), sum(sessions_purchased) FROM {db}.funnel FINAL",
            cancellationToken: cancellationToken))[0];
        Console.WriteLine();
        Console.WriteLine($"Sessions: {sessions[0]} closed, {sessions[1]} converted ({sessions[2]} %), abandoned carts worth {sessions[3]} {host.Options.Features.ReportingCurrency}");
        Console.WriteLine($"Funnel (sessions): viewed {funnel[0]} -> carted {funnel[1]} -> checkout {funnel[2]} -> purchased {funnel[3]}");

        // The global ranking of the busiest trending window (its predecessor is read for the rank change).
        var busiest = await client.QueryAsync(
            $"SELECT toUnixTimestamp(window_start) FROM {db}.trending_counts FINAL GROUP BY window_start ORDER BY sum(views) DESC, window_start DESC LIMIT 1",
            cancellationToken: cancellationToken);
        if (busiest.Count > 0)
        {
            var from = DateTimeOffset.FromUnixTimeSeconds(long.Parse(busiest[0][0], CultureInfo.InvariantCulture));
            var trending = await client.QueryAsync(
                $"SELECT category, sku, score, rank_change, is_new FROM ({TrendingRankingQuery.Sql(db, 10, from, from.AddSeconds(1))}) WHERE metric = 'views' AND rank = 1 LIMIT 8",
                cancellationToken: cancellationToken);
            Console.WriteLine();
            Console.WriteLine($"Most viewed product per category, busiest window ({from:HH:mm} event time):  category          sku          views  change");
            foreach (var row in trending)
            {
                var change = row[4] == "1" ? "new" : row[3];
                Console.WriteLine($"                                                                    {row[0],-16} {row[1],-12} {row[2],6} {change,6}");
            }
        }

        var intents = await client.ScalarAsync<long>($"SELECT count() FROM {db}.intent_signals FINAL", cancellationToken: cancellationToken);
        var anomalies = await client.QueryAsync(
            $"SELECT toString(metric), count() FROM {db}.anomalies FINAL GROUP BY metric ORDER BY metric",
            cancellationToken: cancellationToken);
        Console.WriteLine();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Purchase-intent signals: {intents:N0} (also on Kafka topic {host.Options.Kafka.IntentTopic}; metric streamengine_intent_signals_total = {host.Metrics.IntentSignals.Value:N0})"));
        Console.WriteLine($"Anomalies: {(anomalies.Count == 0 ? "none" : string.Join(", ", anomalies.Select(r => $"{r[1]} {r[0]}")))}");
    }
}
