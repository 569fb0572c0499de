namespace StreamEngine.IntegrationTests.ClickHouse;

/// <summary>All ClickHouse test classes share one server and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ClickHouseServerGroup : ICollectionFixture<ClickHouseFixture>
{
    public const string Name = "ClickHouse";
}
