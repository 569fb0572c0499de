using System.Globalization;
using Microsoft.Extensions.Configuration;
using StreamEngine.Core;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Configuration;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.IntegrationTests.EndToEnd;

namespace StreamEngine.IntegrationTests.Privacy;

/// <summary><c>Privacy:RawColumns</c>: an allowed field reaches ClickHouse raw, joinable to its pseudonym columns; nothing else does.</summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class RawColumnsEndToEndTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task AllowedUserId_ReachesClickHouseRaw_ForEveryUserPseudonymWritten()
    {
        await EngineRun.ExecuteAsync(
            Fixture,
            Database,
            new SimulatorOptions { EventCount = 8_000, Seed = 19, Users = 600, Products = 100 },
            new Dictionary<string, string?> { ["StreamEngine:Privacy:RawColumns:0"] = "user_id" });

        var released = await Client.QueryAsync($"SELECT field, pseudonym, value FROM {Database}.raw_identifiers FINAL");
        var sessionUsers = await Client.ScalarAsync<long>($"SELECT uniqExact(user_id) FROM {Database}.sessions FINAL");
        var unresolved = await Client.ScalarAsync<long>(
            $"""
            SELECT count() FROM (
                SELECT user_id AS id FROM {Database}.sessions UNION ALL
                SELECT user_id AS id FROM {Database}.user_profiles UNION ALL
                SELECT user AS id FROM {Database}.fraud_scores)
            WHERE id NOT IN (SELECT pseudonym FROM {Database}.raw_identifiers WHERE field = 'user_id')
            """);

        var pseudonymizer = new Pseudonymizer(PrivacyOptions.DevelopmentSecret);
        Assert.True(sessionUsers > 100, $"only {sessionUsers} users in sessions");
        Assert.All(released, r => Assert.Equal("user_id", r[0]));
        Assert.All(released, r => Assert.Equal(pseudonymizer.Pseudonymize(r[2]), ulong.Parse(r[1], CultureInfo.InvariantCulture)));
        Assert.Equal(released.Count, released.Select(r => r[2]).Distinct().Count());
        Assert.Equal(0, unresolved);
    }

    [Fact]
    public async Task ByDefault_NoRawIdentifierIsWritten()
    {
        await EngineRun.ExecuteAsync(Fixture, Database, new SimulatorOptions { EventCount = 3_000, Seed = 23, Users = 300, Products = 50 });

        Assert.True(await Client.ScalarAsync<long>($"SELECT count() FROM {Database}.sessions") > 0);
        Assert.Equal(0, await Client.ScalarAsync<long>($"SELECT count() FROM {Database}.raw_identifiers"));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("User_Id")]
    [InlineData("txn_id")]
    public void UnknownRawColumn_StopsStartUp_NamingTheKey(string name)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["StreamEngine:Privacy:RawColumns:0"] = "ip", ["StreamEngine:Privacy:RawColumns:1"] = name })
            .Build();

        var error = Assert.Throws<OptionsException>(() => EngineOptions.Load(configuration));

        Assert.Equal("StreamEngine:Privacy:RawColumns", error.Key);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
