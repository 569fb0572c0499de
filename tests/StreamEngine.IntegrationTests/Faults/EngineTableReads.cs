using System.Globalization;
using Microsoft.Extensions.Configuration;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Fraud;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Features;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// Reads every table the engine writes the way the docs tell BI users to (docs/guarantees.md, docs/features.md,
/// docs/fraud.md, docs/safety-stock.md): <c>FINAL</c>, sessions without their superseded markers, and trending through
/// <see cref="TrendingRankingQuery"/> besides its per-partition counts.
/// </summary>
internal static class EngineTableReads
{
    private const string TrendingRanking = "trending ranking (TrendingRankingQuery, top 10)";

    /// <summary>
    /// Not a result: the engine's bookkeeping per consumer group, whose images and positions say when each checkpoint
    /// was taken (docs/guarantees.md).
    /// </summary>
    private static readonly string Bookkeeping = CheckpointsTable.Definition.Name;

    public static async Task<List<Relation>> ReadAsync(ClickHouseClient client, string database)
    {
        var tables = FeatureCatalog.AllTables(FeatureCatalog.Create(EngineOptions.Load(new ConfigurationBuilder().Build()))).ToList();
        var present = (await client.QueryAsync($"SHOW TABLES FROM {database}")).Select(r => r[0]).ToList();
        Assert.True(
            present.All(t => tables.Any(d => d.Name == t)),
            $"{database} holds tables the comparison does not know: {string.Join(", ", present.Where(t => tables.All(d => d.Name != t)))}");

        var relations = new List<Relation>();
        foreach (var table in tables.Where(t => t.Name != Bookkeeping))
        {
            var columns = Columns(table);
            var filter = table.Name == SessionsTable.Definition.Name ? " WHERE superseded = 0" : "";
            var rows = await client.QueryAsync($"SELECT {string.Join(", ", columns.Select(c => c.Sql))} FROM {database}.{table.Name} FINAL{filter}");
            relations.Add(new Relation(table.Name, [.. columns.Select(c => c.Name)], Identity(table.OrderBy), rows));
        }

        relations.Add(await TrendingRankingAsync(client, database));
        return relations;
    }

    /// <summary>
    /// The table's columns; the fraud feature vector is read one named feature per column, so a difference names the
    /// feature (and the comparison can leave out only those computed from clicks, <see cref="RunToRunVariance"/>).
    /// </summary>
    private static List<(string Name, string Sql)> Columns(ClickHouseTableDefinition table) =>
        table.ColumnNames()
            .SelectMany(c => table.Name == FraudScoresTable.Definition.Name && c == "features"
                ? FraudFeatureNames.All.Select((name, i) => (FeatureColumn(name), $"features[{i + 1}]"))
                : [(c, c)])
            .ToList();

    /// <summary>The comparison's name of a fraud feature's column in <c>fraud_scores</c>.</summary>
    public static string FeatureColumn(string feature) => $"features.{feature}";

    /// <summary>The global top 10 of every category, window and metric over every window the run wrote.</summary>
    private static async Task<Relation> TrendingRankingAsync(ClickHouseClient client, string database)
    {
        var range = (await client.QueryAsync(
            $"SELECT toUnixTimestamp(min(window_start)), toUnixTimestamp(max(window_start)) FROM {database}.{TrendingCountsTable.Definition.Name} FINAL"))[0];
        var from = DateTimeOffset.FromUnixTimeSeconds(long.Parse(range[0], CultureInfo.InvariantCulture));
        var to = DateTimeOffset.FromUnixTimeSeconds(long.Parse(range[1], CultureInfo.InvariantCulture) + 1);
        var rows = await client.QueryAsync(TrendingRankingQuery.Sql(database, 10, from, to));
        return new Relation(
            TrendingRanking,
            ["category", "metric", "window_start", "rank", "sku", "score", "previous_rank", "rank_change", "is_new"],
            ["category", "metric", "window_start", "rank"],
            rows);
    }

    /// <summary>The columns of an ORDER BY such as <c>(warehouse, sku, bucket_start)</c> or <c>txn_id</c>.</summary>
    private static string[] Identity(string orderBy) =>
        orderBy.Trim('(', ')').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
