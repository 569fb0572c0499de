using StreamEngine.ClickHouse;

namespace StreamEngine.IntegrationTests.ClickHouse;

[Collection(ClickHouseServerGroup.Name)]
public sealed class ReplacingMergeTreeTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task Final_KeepsTheHighestVersionPerIdentity_AndReplaysAreHarmless()
    {
        await new SchemaManager(Client).ApplyAsync([SchemaManagerTests.SkuViews], SchemaManagerTests.LowCardinality);
        using var sink = new ClickHouseSink(Client);
        var table = sink.AddTable(SchemaManagerTests.SkuViews, new SkuViewRowEncoder());

        // Separate batches (separate parts): versions 1, 3, 2 of the same identity, plus a replay of the whole lot.
        var start = 1_704_067_200_000L; // 2024-01-01
        foreach (var version in new ulong[] { 1, 3, 2, 1, 3, 2 })
        {
            table.Add(new SkuViewRow(start, "sku-1", "DE", version * 10, version));
            table.Add(new SkuViewRow(start, "sku-2", "FR", 5, 1));
            await sink.FlushAsync(CancellationToken.None);
        }

        var rows = await Client.QueryAsync($"SELECT sku, country, views, version FROM {Database}.sku_views FINAL ORDER BY sku");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["sku-1", "DE", "30", "3"], rows[0]);
        Assert.Equal(["sku-2", "FR", "5", "1"], rows[1]);
        // Without FINAL the count depends on background merges (12 inserted rows, merged at any time), so only
        // the forced merge below is asserted.

        // OPTIMIZE silently does nothing while a background merge holds the parts, so it is repeated until it merges.
        var merged = 0UL;
        for (var attempt = 0; attempt < 20 && merged != 2; attempt++)
        {
            await Client.ExecuteAsync($"OPTIMIZE TABLE {Database}.sku_views FINAL");
            merged = await Client.ScalarAsync<ulong>($"SELECT count() FROM {Database}.sku_views");
        }
        Assert.Equal(2UL, merged);
    }
}
