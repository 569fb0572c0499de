using StreamEngine.ClickHouse;

namespace StreamEngine.Core.Tests.ClickHouse;

public sealed class ClickHouseErrorParserTests
{
    [Fact]
    public void Version18Format_YieldsCodeAndMessage()
    {
        const string body = "Code: 60, e.displayText() = DB::Exception: Table streamengine.nope doesn't exist., e.what() = DB::Exception\n";
        Assert.True(ClickHouseErrorParser.TryParse(body, out var code, out var message));
        Assert.Equal(60, code);
        Assert.Equal("Table streamengine.nope doesn't exist.", message);
    }

    [Fact]
    public void CurrentFormat_YieldsCodeAndMessage()
    {
        const string body = "Code: 62. DB::Exception: Syntax error: failed at position 1 ('SELEC'). (SYNTAX_ERROR) (version 24.3.2.23 (official build))\n";
        Assert.True(ClickHouseErrorParser.TryParse(body, out var code, out var message));
        Assert.Equal(62, code);
        Assert.StartsWith("Syntax error: failed at position 1", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bad Gateway")]
    [InlineData("Code: x, nothing")]
    public void OtherBodies_AreNotParsed_ButKeptAsMessage(string body)
    {
        Assert.False(ClickHouseErrorParser.TryParse(body, out var code, out var message));
        Assert.Equal(0, code);
        Assert.Equal(body.Trim(), message);
    }

    [Theory]
    [InlineData(159, true)]
    [InlineData(252, true)]
    [InlineData(60, false)]
    [InlineData(62, false)]
    public void TransientCodes_AreLoadAndNetworkErrors(int code, bool transient) =>
        Assert.Equal(transient, ClickHouseErrorParser.IsTransientCode(code));

    [Fact]
    public void Exception_CarriesCodeAndQuery()
    {
        var error = new ClickHouseException(60, "Table x doesn't exist.", "SELECT * FROM x", isTransient: false, 404);
        Assert.Equal(60, error.Code);
        Assert.Equal("SELECT * FROM x", error.Query);
        Assert.Contains("60", error.Message, StringComparison.Ordinal);
        Assert.Contains("SELECT * FROM x", error.Message, StringComparison.Ordinal);
    }
}
