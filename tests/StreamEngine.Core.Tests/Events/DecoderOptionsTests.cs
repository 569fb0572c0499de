using StreamEngine.Core.Events;

namespace StreamEngine.Core.Tests.Events;

public sealed class DecoderOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new DecoderOptions();
        options.Validate();
        Assert.Equal((65536, TimeSpan.FromDays(7), 1_000_000_000L, 10_000),
            (options.MaxMessageBytes, options.MaxClockSkew, options.MaxAmountCents, options.MaxQuantity));
    }

    public static TheoryData<string, Action<DecoderOptions>> InvalidSettings() => new()
    {
        { "MaxMessageBytes", o => o.MaxMessageBytes = 0 },
        { "MaxClockSkew", o => o.MaxClockSkew = TimeSpan.Zero },
        { "MaxRelatedTimeSkew", o => o.MaxRelatedTimeSkew = TimeSpan.FromSeconds(-1) },
        { "MaxAmountCents", o => o.MaxAmountCents = -1 },
        { "MaxQuantity", o => o.MaxQuantity = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void InvalidSetting_FailsValidationNamingTheKey(string key, Action<DecoderOptions> spoil)
    {
        var options = new DecoderOptions();
        spoil(options);
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.StartsWith($"StreamEngine:Decoding:{key} must be > ", error.Message);
    }

    [Fact]
    public void DecoderConstruction_ValidatesOptions()
    {
        var options = new DecoderOptions { MaxQuantity = -1 };
        var error = Assert.Throws<InvalidOperationException>(() => EventSamples.ClickDecoder(options));
        Assert.Equal("StreamEngine:Decoding:MaxQuantity must be > 0", error.Message);
    }
}
