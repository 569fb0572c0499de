using StreamEngine.ClickHouse;

namespace StreamEngine.Core.Tests.ClickHouse;

public sealed class ClickHouseOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new ClickHouseOptions();
        options.Validate();
        Assert.Equal(new Uri("http://127.0.0.1:18123/"), options.Url);
        Assert.Equal("streamengine", options.Database);
        Assert.Equal(50_000, options.BatchRows);
        Assert.Equal(TimeSpan.FromSeconds(1), options.FlushInterval);
        Assert.Equal(int.MaxValue, options.MaxRetries);
        Assert.Null(options.OutageTimeout);
    }

    [Fact]
    public void ToString_NeverPrintsThePassword()
    {
        var options = new ClickHouseOptions { Password = "s3cr3t-value" };
        var text = options.ToString();
        Assert.DoesNotContain("s3cr3t-value", text, StringComparison.Ordinal);
        Assert.Contains("Password=***", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<ClickHouseOptions>> InvalidSettings() => new()
    {
        { "StreamEngine:ClickHouse:Url", o => o.Url = new Uri("ftp://host/") },
        { "StreamEngine:ClickHouse:Url", o => o.Url = new Uri("http://u:p@host/") },
        { "StreamEngine:ClickHouse:Database", o => o.Database = "my-db" },
        { "StreamEngine:ClickHouse:User", o => o.User = " " },
        { "StreamEngine:ClickHouse:BatchRows", o => o.BatchRows = 0 },
        { "StreamEngine:ClickHouse:FlushInterval", o => o.FlushInterval = TimeSpan.Zero },
        { "StreamEngine:ClickHouse:MaxRetries", o => o.MaxRetries = -1 },
        { "StreamEngine:ClickHouse:OutageTimeout", o => o.OutageTimeout = TimeSpan.Zero },
        { "StreamEngine:ClickHouse:RetryBackoff", o => o.RetryBackoff = TimeSpan.Zero },
        { "StreamEngine:ClickHouse:MaxRetryBackoff", o => o.MaxRetryBackoff = TimeSpan.FromMilliseconds(1) },
        { "StreamEngine:ClickHouse:RequestTimeout", o => o.RequestTimeout = TimeSpan.FromSeconds(-1) },
        { "StreamEngine:ClickHouse:MaxBufferedBytes", o => o.MaxBufferedBytes = 10 },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_NamesTheKeyOfTheInvalidSetting(string key, Action<ClickHouseOptions> breakIt)
    {
        var options = new ClickHouseOptions();
        breakIt(options);
        var error = Assert.ThrowsAny<Exception>(options.Validate);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
