using System.Text.RegularExpressions;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Features;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>
/// docs/features.md stays true: its CREATE TABLE statements give the same columns, engine, partition and sorting keys
/// as the engine's table definitions, and every example query in it runs against the engine's tables.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed partial class DocsSchemaTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    // The tables docs/features.md documents (other features document theirs elsewhere, e.g. docs/safety-stock.md).
    private static readonly string[] ClickstreamTables =
        ["product_activity", "sessions", "funnel", "trending_counts", "user_profiles", "intent_signals", "anomalies"];

    private string DocsDatabase => Database + "_docs";

    [Fact]
    public async Task EveryDocumentedTable_MatchesTheEngineDefinition()
    {
        var engineTables = FeatureCatalog.AllTables(FeatureCatalog.Create(DefaultEngineOptions())).Select(t => t.Name).ToList();
        await ApplyEngineSchemaAsync();
        await Client.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {DocsDatabase}");
        try
        {
            var documented = Statements().Where(s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal)).ToList();
            foreach (var create in documented)
            {
                await Client.ExecuteAsync(create, Settings(DocsDatabase));
            }

            var expected = await DescribeAsync(Database);
            var actual = await DescribeAsync(DocsDatabase);

            Assert.Equal(ClickstreamTables.Order(), actual.Keys.Order());
            Assert.Empty(ClickstreamTables.Except(engineTables));
            foreach (var (table, description) in actual)
            {
                Assert.Equal(expected[table], description);
            }
        }
        finally
        {
            await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {DocsDatabase}");
        }
    }

    [Fact]
    public async Task EveryDocumentedQuery_RunsAgainstTheEngineTables()
    {
        await ApplyEngineSchemaAsync();
        var queries = Statements().Where(s => !s.StartsWith("CREATE TABLE", StringComparison.Ordinal)).ToList();

        Assert.True(queries.Count >= 9, $"only {queries.Count} example queries found");
        var failures = new List<string>();
        foreach (var query in queries)
        {
            var exception = await Record.ExceptionAsync(() => Client.QueryTextAsync(query, Settings(Database)));
            if (exception is not null)
            {
                failures.Add($"{query}\n  -> {exception.Message.Split(" (query:")[0]}");
            }
        }

        Assert.True(failures.Count == 0, "documented queries failed:\n" + string.Join("\n\n", failures));
    }

    [Fact]
    public void DocumentedTrendingQuery_IsTheEnginesRankingQuery()
    {
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var engine = TrendingRankingQuery.Sql(null, 10, from, from.AddHours(3)).ReplaceLineEndings("\n");

        Assert.Contains(engine + ";", File.ReadAllText(DocsPath()).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static EngineOptions DefaultEngineOptions() =>
        EngineOptions.Load(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

    private static Dictionary<string, string> Settings(string database) => new(StringComparer.Ordinal) { ["database"] = database };

    private async Task ApplyEngineSchemaAsync() =>
        await new SchemaManager(Client).ApplyAsync(FeatureCatalog.AllTables(FeatureCatalog.Create(DefaultEngineOptions())));

    /// <summary>Per table: its columns (name type, in order), engine with keys, partition key and sorting key.</summary>
    private async Task<Dictionary<string, string>> DescribeAsync(string database)
    {
        var tables = await Client.QueryAsync(
            $"SELECT name, engine_full, partition_key, sorting_key FROM system.tables WHERE database = '{database}'");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var columns = await Client.QueryAsync(
                $"SELECT name, type FROM system.columns WHERE database = '{database}' AND table = '{table[0]}'");
            result[table[0]] = string.Join(", ", columns.Select(c => $"{c[0]} {c[1]}")) + " | " + string.Join(" | ", table[1..]);
        }

        return result;
    }

    /// <summary>The SQL statements of docs/features.md's ```sql blocks, comments removed, split at ';'.</summary>
    private static List<string> Statements()
    {
        var text = File.ReadAllText(DocsPath());
        var statements = new List<string>();
        foreach (Match block in SqlBlock().Matches(text))
        {
            var sql = string.Join('\n', block.Groups[1].Value.Split('\n').Select(l => LineComment().Replace(l, "")));
            statements.AddRange(sql.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0));
        }

        return statements;
    }

    private static string DocsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "features.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/features.md not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("```sql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();

    [GeneratedRegex("--.*$")]
    private static partial Regex LineComment();
}
