using System.Collections.Frozen;

namespace StreamEngine.Core.Features;

/// <summary>
/// Converts minor units (1/100 of a unit, for every currency) into minor units of the reporting currency with a static
/// rate table. Rates are held as fixed point (1e-9) so conversion is integer arithmetic, rounded half away from zero:
/// the same input always gives the same cents on every machine. Unknown currencies convert to 0 and are counted
/// (<see cref="UnknownCurrencyCount"/>); the event itself still counts (views, units). Thread-safe after construction.
/// </summary>
public sealed class CurrencyConverter
{
    private const long Scale = 1_000_000_000;
    private readonly FrozenDictionary<string, long> _scaledRates;
    private long _unknownCurrencyCount;

    public CurrencyConverter(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ReportingCurrency = options.ReportingCurrency;
        var reportingUsd = options.UsdRates[options.ReportingCurrency];
        var rates = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, usd) in options.UsdRates)
        {
            rates[code] = (long)decimal.Round(usd / reportingUsd * Scale, MidpointRounding.AwayFromZero);
        }

        _scaledRates = rates.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public string ReportingCurrency { get; }

    /// <summary>Amounts seen in a currency missing from the table (each converted to 0).</summary>
    public long UnknownCurrencyCount => Interlocked.Read(ref _unknownCurrencyCount);

    /// <summary>Converts; returns false (and 0) for an unknown or missing currency and counts it.</summary>
    public bool TryConvert(long minorUnits, string? currency, out long reportingMinorUnits)
    {
        if (currency is null || !_scaledRates.TryGetValue(currency, out var rate))
        {
            Interlocked.Increment(ref _unknownCurrencyCount);
            reportingMinorUnits = 0;
            return false;
        }

        var product = (Int128)minorUnits * rate;
        var half = product >= 0 ? (Int128)(Scale / 2) : -(Int128)(Scale / 2);
        reportingMinorUnits = (long)((product + half) / Scale);
        return true;
    }

    /// <summary>Converts, with 0 for an unknown currency (counted).</summary>
    public long Convert(long minorUnits, string? currency) => TryConvert(minorUnits, currency, out var converted) ? converted : 0;
}
