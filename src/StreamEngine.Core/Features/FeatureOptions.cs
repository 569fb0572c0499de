namespace StreamEngine.Core.Features;

/// <summary>
/// Thresholds of the clickstream features, bound from the configuration section <c>StreamEngine:Features</c>.
/// Call <see cref="Validate"/> at start-up: it throws naming the offending key.
/// </summary>
public sealed class FeatureOptions
{
    public const string SectionName = "StreamEngine:Features";

    /// <summary>ISO 4217 code all revenue is reported in.</summary>
    public string ReportingCurrency { get; set; } = "USD";

    /// <summary>Static rates: US dollars per one unit of each currency (cross rates are derived from these).</summary>
    public Dictionary<string, decimal> UsdRates { get; set; } = new(StringComparer.Ordinal)
    {
        ["USD"] = 1m,
        ["EUR"] = 1.08m,
        ["GBP"] = 1.27m,
        ["JPY"] = 0.0067m,
        ["BRL"] = 0.20m,
        ["INR"] = 0.012m,
        ["CAD"] = 0.73m,
        ["AUD"] = 0.66m,
        ["CHF"] = 1.13m,
        ["SEK"] = 0.095m,
        ["PLN"] = 0.25m,
        ["MXN"] = 0.058m,
        ["CNY"] = 0.14m,
    };

    /// <summary>How long after a window's end late events still update it (re-emitted with a higher version).</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Product activity: size of the short tumbling window.</summary>
    public TimeSpan ActivityMinuteWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Product activity: size of the long hopping window.</summary>
    public TimeSpan ActivityHourWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Product activity: advance of the long hopping window (must divide its size).</summary>
    public TimeSpan ActivityHourHop { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Inactivity that closes a session.</summary>
    public TimeSpan SessionGap { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Funnel bucket size.</summary>
    public TimeSpan FunnelWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Trending: tumbling window size.</summary>
    public TimeSpan TrendingWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Profiles: at most one row per user per this much event time, except after a purchase.</summary>
    public TimeSpan ProfileEmitInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Profiles: categories tracked per user for the favourite (least-used evicted beyond this).</summary>
    public int ProfileCategoryCapacity { get; set; } = 16;

    /// <summary>Intent: views or searches of one category that trigger a signal.</summary>
    public int IntentThreshold { get; set; } = 5;

    /// <summary>Intent: the span those views must fall in.</summary>
    public TimeSpan IntentWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Intent: at most one signal per user and category per this span.</summary>
    public TimeSpan IntentCooldown { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Anomalies: EWMA smoothing factor in (0, 1]; 0.1 weighs roughly the last 20 minutes.</summary>
    public double AnomalyAlpha { get; set; } = 0.1;

    /// <summary>Anomalies: |z| beyond which a minute counts as deviating.</summary>
    public double AnomalyZ { get; set; } = 3.0;

    /// <summary>Anomalies: consecutive deviating minutes (same direction) before a row is emitted.</summary>
    public int AnomalyConsecutiveMinutes { get; set; } = 3;

    /// <summary>Anomalies: minutes of baseline before any anomaly is reported.</summary>
    public int AnomalyWarmupMinutes { get; set; } = 30;

    /// <summary>Anomalies: minimum views in a minute for its conversion to be a sample.</summary>
    public int AnomalyMinViewsForConversion { get; set; } = 20;

    /// <summary>Throws <see cref="OptionsException"/> whose Key is the offending configuration key.</summary>
    public void Validate()
    {
        Require(ReportingCurrency is { Length: 3 }, nameof(ReportingCurrency), "must be an ISO 4217 code");
        Require(UsdRates is not null && UsdRates.ContainsKey(ReportingCurrency), nameof(UsdRates), $"must contain the reporting currency {ReportingCurrency}");
        foreach (var (code, rate) in UsdRates!)
        {
            Require(code.Length == 3 && rate > 0m, $"{nameof(UsdRates)}:{code}", "must be a 3-letter code with a positive rate");
        }

        Require(Grace >= TimeSpan.Zero, nameof(Grace), "must not be negative");
        Require(Positive(ActivityMinuteWindow), nameof(ActivityMinuteWindow), "must be positive whole milliseconds");
        Require(Positive(ActivityHourHop) && ActivityHourHop <= ActivityHourWindow, nameof(ActivityHourHop), "must be positive and at most ActivityHourWindow");
        Require(Positive(ActivityHourWindow) && ActivityHourWindow.Ticks % ActivityHourHop.Ticks == 0, nameof(ActivityHourWindow), "must be a multiple of ActivityHourHop");
        Require(Positive(SessionGap), nameof(SessionGap), "must be positive");
        Require(Positive(FunnelWindow), nameof(FunnelWindow), "must be positive");
        Require(Positive(TrendingWindow), nameof(TrendingWindow), "must be positive");
        Require(ProfileEmitInterval >= TimeSpan.Zero, nameof(ProfileEmitInterval), "must not be negative");
        Require(ProfileCategoryCapacity is > 0 and <= 1024, nameof(ProfileCategoryCapacity), "must be in 1..1024");
        Require(IntentThreshold is > 0 and <= 10_000, nameof(IntentThreshold), "must be in 1..10000");
        Require(Positive(IntentWindow), nameof(IntentWindow), "must be positive");
        Require(IntentCooldown >= TimeSpan.Zero, nameof(IntentCooldown), "must not be negative");
        Require(AnomalyAlpha is > 0 and <= 1, nameof(AnomalyAlpha), "must be in (0, 1]");
        Require(AnomalyZ > 0 && double.IsFinite(AnomalyZ), nameof(AnomalyZ), "must be positive");
        Require(AnomalyConsecutiveMinutes > 0, nameof(AnomalyConsecutiveMinutes), "must be positive");
        Require(AnomalyWarmupMinutes >= 0, nameof(AnomalyWarmupMinutes), "must not be negative");
        Require(AnomalyMinViewsForConversion > 0, nameof(AnomalyMinViewsForConversion), "must be positive");
    }

    private static bool Positive(TimeSpan span) => span >= TimeSpan.FromMilliseconds(1) && span.Ticks % TimeSpan.TicksPerMillisecond == 0;

    private static void Require(bool condition, string key, string problem)
    {
        if (!condition)
        {
            throw new OptionsException($"{SectionName}:{key}", problem);
        }
    }
}
