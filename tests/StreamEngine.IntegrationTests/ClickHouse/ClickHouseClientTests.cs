using System.Net;
using System.Net.Sockets;
using StreamEngine.ClickHouse;

namespace StreamEngine.IntegrationTests.ClickHouse;

[Collection(ClickHouseServerGroup.Name)]
public sealed class ClickHouseClientTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task UnknownTable_SurfacesServerCodeMessageAndQuery()
    {
        var sql = $"SELECT count() FROM {Database}.missing";
        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Client.QueryAsync(sql));
        Assert.Equal(60, error.Code);
        Assert.False(error.IsTransient);
        Assert.Contains("missing", error.ServerMessage, StringComparison.Ordinal);
        Assert.StartsWith(sql, error.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyntaxError_SurfacesCode62()
    {
        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Client.ExecuteAsync("SELEC 1"));
        Assert.Equal(62, error.Code);
        Assert.Equal("SELEC 1", error.Query);
    }

    [Fact]
    public async Task InsertIntoMissingTable_SurfacesCodeAndTheInsertQuery()
    {
        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Client.InsertAsync("nope", ["a"], new byte[] { 1 }));
        Assert.Equal(60, error.Code);
        Assert.Equal($"INSERT INTO {Database}.nope (a) FORMAT RowBinary", error.Query);
    }

    [Fact]
    public async Task ClosedPort_IsATransientFailureWithoutCode()
    {
        var options = Fixture.CreateOptions(Database);
        options.Url = new Uri($"http://127.0.0.1:{UnusedPort()}/");
        using var client = new ClickHouseClient(options);

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => client.ExecuteAsync("SELECT 1"));
        Assert.True(error.IsTransient);
        Assert.Equal(0, error.Code);
        Assert.False(await client.PingAsync());
    }

    [Fact]
    public async Task PingAndScalar_AnswerFromTheServer()
    {
        Assert.True(await Client.PingAsync());
        Assert.Equal(42UL, await Client.ScalarAsync<ulong>("SELECT toUInt64(42)"));
        Assert.Equal(Fixture.Version, await Client.ScalarAsync<string>("SELECT version()"));
    }

    [Fact]
    public async Task Settings_TravelAsUrlParameters()
    {
        var limit = new Dictionary<string, string> { ["max_result_rows"] = "1", ["result_overflow_mode"] = "throw" };
        await Client.QueryAsync("SELECT number FROM system.numbers LIMIT 1", limit);
        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Client.QueryAsync("SELECT number FROM system.numbers LIMIT 5", limit));
        Assert.Equal(396, error.Code); // TOO_MANY_ROWS_OR_BYTES
    }

    [Fact]
    public async Task WrongUser_IsRejectedByTheServer_SoCredentialsAreSent()
    {
        var options = Fixture.CreateOptions(Database);
        options.User = "nobody_here";
        options.Password = "secret";
        using var client = new ClickHouseClient(options);
        var error = await Assert.ThrowsAsync<ClickHouseException>(() => client.QueryAsync("SELECT 1"));
        Assert.True(error.Code is 192 or 193 or 516, $"code {error.Code}"); // UNKNOWN_USER / WRONG_PASSWORD / AUTHENTICATION_FAILED
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzipRequests_AreUnderstoodByTheServer()
    {
        var options = Fixture.CreateOptions(Database);
        options.CompressRequests = true;
        using var client = new ClickHouseClient(options);
        await client.ExecuteAsync($"CREATE TABLE {Database}.gz (x UInt64) ENGINE = MergeTree ORDER BY x");
        using var writer = new RowBinaryWriter();
        for (ulong i = 1; i <= 1000; i++)
        {
            writer.WriteUInt64(i);
        }

        await client.InsertAsync("gz", ["x"], writer.WrittenMemory);
        Assert.Equal(500_500UL, await client.ScalarAsync<ulong>($"SELECT sum(x) FROM {Database}.gz"));
    }

    internal static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
