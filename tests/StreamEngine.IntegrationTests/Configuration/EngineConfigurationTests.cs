using Microsoft.Extensions.Configuration;
using StreamEngine.Core;
using StreamEngine.Host.Configuration;
using StreamEngine.IntegrationTests.Commands;

namespace StreamEngine.IntegrationTests.Configuration;

/// <summary>A wrong key or value stops start-up with an <see cref="OptionsException"/> naming the full key, never later.</summary>
public sealed class EngineConfigurationTests
{
    [Theory]
    [InlineData("StreamEngine:Kafka:GroupIdd")]
    [InlineData("StreamEngine:ClickHouse:Databse")]
    [InlineData("StreamEngine:EventTime:grace_period")]
    [InlineData("StreamEngine:Features:SessionGapp")]
    [InlineData("StreamEngine:Fraud:DeclineTreshold")]
    public void UnknownKey_FailsStartUpNamingTheKey(string key)
    {
        var error = Assert.Throws<OptionsException>(() => Load((key, "1")));

        Assert.Equal(key, error.Key);
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StreamEngine:Kafka:CommitInterval", "soon")]
    [InlineData("StreamEngine:ClickHouse:BatchRows", "many")]
    [InlineData("StreamEngine:ClickHouse:Url", "http://")]
    [InlineData("StreamEngine:EventTime:Grace", "a minute")]
    [InlineData("StreamEngine:Features:IntentThreshold", "five")]
    public void UnconvertibleValue_FailsStartUpNamingTheKey(string key, string value)
    {
        var error = Assert.Throws<OptionsException>(() => Load((key, value)));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StreamEngine:Kafka:Consumer:session.timeout.ms", "abc")]
    [InlineData("StreamEngine:Kafka:Consumer:no.such.property", "1")]
    [InlineData("StreamEngine:Kafka:Producer:compression.type", "zip")]
    [InlineData("StreamEngine:Kafka:Producer:linger.ms", "-5")]
    public void InvalidLibrdkafkaPassThrough_FailsStartUpNamingTheKey(string key, string value)
    {
        var error = Assert.Throws<OptionsException>(() => Load((key, value)));

        Assert.Equal(key, error.Key);
        Assert.Contains("librdkafka rejected it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidLibrdkafkaPassThrough_IsAcceptedAndPassedOn()
    {
        var options = Load(("StreamEngine:Kafka:Consumer:session.timeout.ms", "3000"), ("StreamEngine:Kafka:Producer:compression.type", "lz4"));

        Assert.Equal(3000, options.Kafka.BuildConsumerConfig("b:9092").SessionTimeoutMs);
        Assert.Equal(Confluent.Kafka.CompressionType.Lz4, options.Kafka.BuildProducerConfig("b:9092").CompressionType);
    }

    /// <summary>docs/operations.md's TLS/SASL settings pass (CA file aside); the C# property names it once showed do not.</summary>
    [Fact]
    public void DocumentedSaslSslSettings_AreAccepted_ConfluentPropertyNamesAreNot()
    {
        var options = Load(
            ("StreamEngine:Kafka:Consumer:security.protocol", "SASL_SSL"), ("StreamEngine:Kafka:Consumer:sasl.mechanism", "SCRAM-SHA-512"),
            ("StreamEngine:Kafka:Consumer:sasl.username", "streamengine"), ("StreamEngine:Kafka:Consumer:sasl.password", "secret"),
            ("StreamEngine:Kafka:Producer:security.protocol", "SASL_SSL"), ("StreamEngine:Kafka:Producer:sasl.mechanism", "SCRAM-SHA-512"),
            ("StreamEngine:Kafka:Producer:sasl.username", "streamengine"), ("StreamEngine:Kafka:Producer:sasl.password", "secret"));
        Assert.Equal("SASL_SSL", options.Kafka.BuildConsumerConfig("b:9093").Get("security.protocol"));

        var error = Assert.Throws<OptionsException>(() => Load(("StreamEngine:Kafka:Consumer:SecurityProtocol", "SaslSsl")));
        Assert.Equal("StreamEngine:Kafka:Consumer:SecurityProtocol", error.Key);
    }

    /// <summary>Settings valid one by one but not together: the section is named, with librdkafka's reason.</summary>
    [Fact]
    public void LibrdkafkaSettingsWrongOnlyTogether_FailStartUpNamingTheSection()
    {
        var error = Assert.Throws<OptionsException>(() => Load(
            ("StreamEngine:Kafka:Producer:security.protocol", "SASL_SSL"), ("StreamEngine:Kafka:Producer:sasl.mechanism", "SCRAM-SHA-512")));

        Assert.Equal("StreamEngine:Kafka:Producer", error.Key);
        Assert.Contains("librdkafka rejected these settings together", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The engine process, configured by the documented environment variables: exit code 2 and one line, no stack trace.</summary>
    [Theory]
    [InlineData("StreamEngine__Kafka__Consumer__session.timeout.ms", "abc", "StreamEngine:Kafka:Consumer:session.timeout.ms")]
    [InlineData("StreamEngine__Kafka__GroupIdd", "g", "StreamEngine:Kafka:GroupIdd")]
    [InlineData("StreamEngine__Kafka__CommitInterval", "soon", "StreamEngine:Kafka:CommitInterval")]
    public async Task EngineProcess_WrongSetting_ExitsWithTwoNamingTheKeyWithoutAStackTrace(string variable, string value, string key)
    {
        var run = await EngineCommand.RunAsync(["run", "--until-idle", "1"], TimeSpan.FromMinutes(1), new Dictionary<string, string> { [variable] = value });

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.StartsWith("streamengine: Invalid configuration", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"'{key}'", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    private static EngineOptions Load(params (string Key, string Value)[] settings) =>
        EngineOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());
}
