using FsCheck;
using StreamEngine.Core.Features;

namespace StreamEngine.Core.Tests.Features;

public sealed class CurrencyConverterTests
{
    [Fact]
    public void ReportingCurrency_ConvertsToItself_ForAnyAmount() =>
        Prop.ForAll<long>(minor =>
        {
            var converter = new CurrencyConverter(new FeatureOptions());
            return converter.TryConvert(minor / 4, "USD", out var usd) && usd == minor / 4;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Conversion_EqualsDecimalReference_AndIsSymmetricForNegativeAmounts()
    {
        var options = new FeatureOptions();
        var converter = new CurrencyConverter(options);
        var codes = options.UsdRates.Keys.ToArray();
        Prop.ForAll(Arb.From(Gen.Choose(0, codes.Length - 1)), Arb.From(Gen.Choose(-50_000_000, 50_000_000)), (i, amount) =>
        {
            var converted = converter.Convert(amount, codes[i]);
            return converted == ReferenceMath.Convert(options, amount, codes[i]) && converter.Convert(-amount, codes[i]) == -converted;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("EUR", 10_000, 10_800)]   // €100.00 → $108.00
    [InlineData("JPY", 1_234_567, 8_272)]  // ¥12,345.67 × 0.0067 = $82.7159… → 8272 cents (half away from zero)
    [InlineData("GBP", 1, 1)]             // 1.27 cents → 1
    [InlineData("JPY", 75, 1)]            // 0.5025 → 1
    public void KnownRates_RoundHalfAwayFromZero(string currency, long minor, long expectedUsdCents) =>
        Assert.Equal(expectedUsdCents, new CurrencyConverter(new FeatureOptions()).Convert(minor, currency));

    [Fact]
    public void CrossRates_UseTheReportingCurrency()
    {
        var converter = new CurrencyConverter(new FeatureOptions { ReportingCurrency = "EUR" });
        Assert.Equal(10_000, converter.Convert(10_800, "USD")); // $108 → €100
        Assert.Equal(10_000, converter.Convert(10_000, "EUR"));
        Assert.Equal("EUR", converter.ReportingCurrency);
    }

    [Fact]
    public void UnknownOrMissingCurrency_ConvertsToZero_AndIsCounted()
    {
        var converter = new CurrencyConverter(new FeatureOptions());
        Assert.False(converter.TryConvert(500, "XXX", out var value));
        Assert.Equal(0, value);
        Assert.Equal(0, converter.Convert(500, null));
        Assert.Equal(0, converter.Convert(500, "usd")); // codes are upper case (ISO 4217); no silent case folding
        Assert.Equal(3, converter.UnknownCurrencyCount);
    }
}
