using StreamEngine.ClickHouse;

namespace StreamEngine.IntegrationTests.ClickHouse;

/// <summary>Gives each test class its own fresh database on the shared server and drops it afterwards.</summary>
public abstract class ClickHouseTestBase : IAsyncLifetime
{
    protected ClickHouseTestBase(ClickHouseFixture fixture)
    {
        Fixture = fixture;
        Database = $"it_{Guid.NewGuid():N}";
        Options = fixture.CreateOptions(Database);
        Client = new ClickHouseClient(Options);
    }

    protected ClickHouseFixture Fixture { get; }

    protected string Database { get; }

    protected ClickHouseOptions Options { get; }

    protected ClickHouseClient Client { get; }

    public virtual async Task InitializeAsync() => await Client.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {Database}");

    public virtual async Task DisposeAsync()
    {
        try
        {
            await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {Database}");
        }
        finally
        {
            Client.Dispose();
        }
    }
}
