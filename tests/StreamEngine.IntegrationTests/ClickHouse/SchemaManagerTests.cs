using StreamEngine.ClickHouse;

namespace StreamEngine.IntegrationTests.ClickHouse;

[Collection(ClickHouseServerGroup.Name)]
public sealed class SchemaManagerTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    internal static readonly ClickHouseTableDefinition SkuViews = ClickHouseTableDefinition.ReplacingMergeTree(
        "sku_views",
        [
            new("window_start", "DateTime"),
            new("sku", "String"),
            new("country", "LowCardinality(String)"),
            new("views", "UInt64"),
            new("version", "UInt64"),
        ],
        versionColumn: "version",
        orderBy: "(window_start, sku, country)",
        dayColumn: "window_start");

    internal static readonly Dictionary<string, string> LowCardinality = new() { ["allow_experimental_low_cardinality_type"] = "1" };

    public override Task InitializeAsync() => Task.CompletedTask; // the schema manager creates the database

    [Fact]
    public async Task ApplyTwice_CreatesDatabaseAndTablesOnce_AndKeepsData()
    {
        var schema = new SchemaManager(Client);
        await schema.ApplyAsync([SkuViews], LowCardinality);
        await Client.ExecuteAsync($"INSERT INTO {Database}.sku_views VALUES ('2024-01-01 00:00:00', 'a', 'DE', 1, 1)");
        await schema.ApplyAsync([SkuViews], LowCardinality);

        var tables = await Client.QueryAsync($"SELECT name, engine FROM system.tables WHERE database = '{Database}'");
        Assert.Equal(["sku_views", "ReplacingMergeTree"], Assert.Single(tables));
        Assert.Equal(1UL, await Client.ScalarAsync<ulong>($"SELECT count() FROM {Database}.sku_views"));
        var partition = await Client.ScalarAsync<string>($"SELECT partition FROM system.parts WHERE database = '{Database}' AND active");
        Assert.Equal("20240101", partition);
    }
}
