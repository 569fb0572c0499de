using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Features;
using StreamEngine.IntegrationTests.EndToEnd;

namespace StreamEngine.IntegrationTests.ClickHouse;

/// <summary>
/// The trending ranking SQL on the real server, over hand-made per-partition counts: partial counts summed over
/// partitions (latest version only), ties by SKU, the top-N cut, zero scores unranked, and rank changes against the
/// immediately preceding window.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class TrendingRankingQueryTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ranking_SumsPartitions_BreaksTiesBySku_CutsAtN_AndComparesWithThePreviousWindow()
    {
        await new SchemaManager(Client).ApplyAsync([TrendingCountsTable.Definition]);
        await InsertAsync(
        [
            // 00:00 shoes: a = 1 + 2 + 2 (partition 0 replaced by a later version), b = 5, c = 1.
            Row(0, "shoes", "a", partition: 0, views: 1, purchases: 0, version: 1),
            Row(0, "shoes", "a", partition: 0, views: 3, purchases: 1, version: 4),
            Row(0, "shoes", "a", partition: 1, views: 2, purchases: 0, version: 2),
            Row(0, "shoes", "b", partition: 1, views: 5, purchases: 0, version: 5),
            Row(0, "shoes", "c", partition: 2, views: 1, purchases: 0, version: 1),
            // 00:05 shoes: c = 9 climbs, a = 5 falls, d = 1 is cut (N = 2), b only bought.
            Row(5, "shoes", "c", partition: 0, views: 4, purchases: 0, version: 4),
            Row(5, "shoes", "c", partition: 2, views: 5, purchases: 0, version: 5),
            Row(5, "shoes", "a", partition: 1, views: 5, purchases: 0, version: 5),
            Row(5, "shoes", "d", partition: 0, views: 1, purchases: 0, version: 1),
            Row(5, "shoes", "b", partition: 2, views: 0, purchases: 1, version: 1),
            Row(5, "hats", "h", partition: 0, views: 2, purchases: 0, version: 2),
            // 00:15 (00:10 had nothing): a is new again, not compared with 00:05.
            Row(15, "shoes", "a", partition: 1, views: 1, purchases: 0, version: 1),
        ]);

        var rows = await Client.QueryAsync(
            $"SELECT {TrendingRank.Columns} FROM ({TrendingRankingQuery.Sql(Database, 2, T0, T0.AddMinutes(20))})");

        long S(int minute) => T0.AddMinutes(minute).ToUnixTimeSeconds();
        TrendingRank[] expected =
        [
            new("hats", "views", S(5), 1, "h", 2, 0, 0, true),
            new("shoes", "purchases", S(0), 1, "a", 1, 0, 0, true),
            new("shoes", "purchases", S(5), 1, "b", 1, 0, 0, true),
            new("shoes", "views", S(0), 1, "a", 5, 0, 0, true),
            new("shoes", "views", S(0), 2, "b", 5, 0, 0, true),
            new("shoes", "views", S(5), 1, "c", 9, 0, 0, true),
            new("shoes", "views", S(5), 2, "a", 5, 1, -1, false),
            new("shoes", "views", S(15), 1, "a", 1, 0, 0, true),
        ];
        Assert.Equal(expected, rows.Select(TrendingRank.Parse).ToArray());
    }

    [Fact]
    public async Task Ranking_ComparesTheFirstWindowOfTheRangeWithTheWindowBeforeIt_WithoutListingThatOne()
    {
        await new SchemaManager(Client).ApplyAsync([TrendingCountsTable.Definition]);
        await InsertAsync(
        [
            Row(0, "shoes", "a", partition: 0, views: 3, purchases: 0, version: 3),
            Row(0, "shoes", "b", partition: 0, views: 2, purchases: 0, version: 2),
            Row(5, "shoes", "b", partition: 1, views: 4, purchases: 0, version: 4),
            Row(5, "shoes", "a", partition: 1, views: 1, purchases: 0, version: 1),
        ]);

        var rows = await Client.QueryAsync(
            $"SELECT {TrendingRank.Columns} FROM ({TrendingRankingQuery.Sql(Database, 10, T0.AddMinutes(5), T0.AddMinutes(10))})");

        var s = T0.AddMinutes(5).ToUnixTimeSeconds();
        Assert.Equal(
            [new TrendingRank("shoes", "views", s, 1, "b", 4, 2, 1, false), new TrendingRank("shoes", "views", s, 2, "a", 1, 1, -1, false)],
            rows.Select(TrendingRank.Parse).ToArray());
    }

    private static TrendingCountRow Row(int minute, string category, string sku, int partition, long views, long purchases, long version)
    {
        var start = T0.AddMinutes(minute).ToUnixTimeMilliseconds();
        return new TrendingCountRow(start, start + 300_000, category, sku, partition, views, purchases, version);
    }

    private async Task InsertAsync(IEnumerable<TrendingCountRow> rows)
    {
        using var writer = new RowBinaryWriter();
        foreach (var row in rows)
        {
            TrendingCountsTable.Encoder.Encode(row, writer);
        }

        await Client.InsertAsync(TrendingCountsTable.Definition.Name, TrendingCountsTable.Definition.ColumnNames(), writer.WrittenMemory);
    }
}
