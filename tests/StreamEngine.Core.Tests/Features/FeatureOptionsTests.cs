using StreamEngine.Core.Features;

namespace StreamEngine.Core.Tests.Features;

public sealed class FeatureOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => new FeatureOptions().Validate();

    public static TheoryData<string, Action<FeatureOptions>> Invalid => new()
    {
        { "ReportingCurrency", o => o.ReportingCurrency = "DOLLAR" },
        { "UsdRates", o => o.ReportingCurrency = "NZD" },
        { "UsdRates:XYZ", o => o.UsdRates["XYZ"] = 0m },
        { "Grace", o => o.Grace = TimeSpan.FromSeconds(-1) },
        { "ActivityHourWindow", o => o.ActivityHourHop = TimeSpan.FromMinutes(7) },
        { "ActivityHourHop", o => o.ActivityHourHop = TimeSpan.FromHours(2) },
        { "SessionGap", o => o.SessionGap = TimeSpan.Zero },
        { "IntentThreshold", o => o.IntentThreshold = 0 },
        { "IntentWindow", o => o.IntentWindow = TimeSpan.FromTicks(1) },
        { "AnomalyAlpha", o => o.AnomalyAlpha = 1.5 },
        { "AnomalyZ", o => o.AnomalyZ = double.NaN },
        { "AnomalyConsecutiveMinutes", o => o.AnomalyConsecutiveMinutes = 0 },
        { "ProfileCategoryCapacity", o => o.ProfileCategoryCapacity = 0 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidValue_ThrowsNamingTheConfigurationKey(string key, Action<FeatureOptions> spoil)
    {
        var options = new FeatureOptions();
        spoil(options);
        var error = Assert.Throws<OptionsException>(options.Validate);
        Assert.Equal($"StreamEngine:Features:{key}", error.Key);
    }
}
