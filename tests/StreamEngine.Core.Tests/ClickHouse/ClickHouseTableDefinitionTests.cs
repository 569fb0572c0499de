using StreamEngine.ClickHouse;

namespace StreamEngine.Core.Tests.ClickHouse;

public sealed class ClickHouseTableDefinitionTests
{
    private static readonly ClickHouseColumn[] s_columns =
    [
        new("window_start", "DateTime"),
        new("sku", "String"),
        new("views", "UInt64"),
        new("version", "UInt64"),
    ];

    [Fact]
    public void ReplacingMergeTree_CreatesDayPartitionedIdempotentDdl()
    {
        var table = ClickHouseTableDefinition.ReplacingMergeTree("sku_views", s_columns, "version", "(window_start, sku)", "window_start");
        Assert.Equal(
            "CREATE TABLE IF NOT EXISTS se.sku_views\n(\n    window_start DateTime,\n    sku String,\n    views UInt64,\n    version UInt64\n)\n" +
            "ENGINE = ReplacingMergeTree(version)\nPARTITION BY toYYYYMMDD(window_start)\nORDER BY (window_start, sku)",
            table.CreateTableSql("se"));
    }

    [Fact]
    public void InsertQuery_ListsColumnsInOrder_ForRowBinary()
    {
        var table = new ClickHouseTableDefinition("t", s_columns, "MergeTree", "sku");
        Assert.Equal(
            "INSERT INTO se.t (window_start, sku, views, version) FORMAT RowBinary",
            ClickHouseClient.BuildInsertQuery("se", table.Name, table.ColumnNames()));
    }

    [Fact]
    public void InvalidNames_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new ClickHouseTableDefinition("bad name", s_columns, "MergeTree", "sku"));
        Assert.Throws<ArgumentException>(() => new ClickHouseColumn("x;y", "UInt8"));
        Assert.Throws<ArgumentException>(() => new ClickHouseColumn("x", "UInt8; DROP TABLE t"));
        Assert.Throws<ArgumentException>(() => new ClickHouseTableDefinition("t", [new("a", "UInt8"), new("a", "UInt8")], "MergeTree", "a"));
        Assert.Throws<ArgumentException>(() => ClickHouseTableDefinition.ReplacingMergeTree("t", s_columns, "version", "sku", "toDate(x)"));
        Assert.Throws<ArgumentException>(() => ClickHouseClient.BuildInsertQuery("se", "t", ["ok", "not ok"]));
    }
}
