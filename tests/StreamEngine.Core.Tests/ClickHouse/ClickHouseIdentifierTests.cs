using StreamEngine.ClickHouse;

namespace StreamEngine.Core.Tests.ClickHouse;

public sealed class ClickHouseIdentifierTests
{
    [Theory]
    [InlineData("streamengine")]
    [InlineData("_x")]
    [InlineData("Table_1")]
    [InlineData("a")]
    public void ValidNames_AreAccepted(string name)
    {
        Assert.True(ClickHouseIdentifier.IsValid(name));
        Assert.Equal(name, ClickHouseIdentifier.Validate(name, "StreamEngine:ClickHouse:Database"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("a b")]
    [InlineData("db.table")]
    [InlineData("x; DROP TABLE y")]
    [InlineData("a`b")]
    [InlineData("naïve")]
    public void InvalidNames_ThrowNamingTheKey(string name)
    {
        Assert.False(ClickHouseIdentifier.IsValid(name));
        var error = Assert.Throws<ArgumentException>(() => ClickHouseIdentifier.Validate(name, "StreamEngine:ClickHouse:Database"));
        Assert.Contains("StreamEngine:ClickHouse:Database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_IsBounded()
    {
        Assert.True(ClickHouseIdentifier.IsValid(new string('a', ClickHouseIdentifier.MaxLength)));
        Assert.False(ClickHouseIdentifier.IsValid(new string('a', ClickHouseIdentifier.MaxLength + 1)));
        Assert.Throws<ArgumentException>(() => ClickHouseIdentifier.Validate(null, "key"));
    }
}
