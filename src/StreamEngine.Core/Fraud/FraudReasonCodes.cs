namespace StreamEngine.Core.Fraud;

/// <summary>Maps <see cref="FraudReason"/> values to their published strings, e.g. "velocity_card_1h_high" (no allocation).</summary>
public static class FraudReasonCodes
{
    private static readonly string[] FeatureCodes = BuildFeatureCodes();

    public static FraudReason ForFeature(FraudFeature feature, bool high) =>
        (FraudReason)((int)FraudReason.FeatureBase + (2 * (int)feature) + (high ? 0 : 1));

    /// <summary>The feature a feature reason refers to, or null for rules and <see cref="FraudReason.None"/>.</summary>
    public static FraudFeature? Feature(FraudReason reason) =>
        reason >= FraudReason.FeatureBase ? (FraudFeature)(((int)reason - (int)FraudReason.FeatureBase) / 2) : null;

    public static string Code(FraudReason reason) => reason switch
    {
        FraudReason.None => "",
        FraudReason.DenyListedCard => "rule_deny_listed_card",
        FraudReason.DeclineBurstCard => "rule_decline_burst_card",
        FraudReason.DeclineBurstDevice => "rule_decline_burst_device",
        >= FraudReason.FeatureBase when (int)reason - (int)FraudReason.FeatureBase < FeatureCodes.Length =>
            FeatureCodes[(int)reason - (int)FraudReason.FeatureBase],
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown fraud reason."),
    };

    private static string[] BuildFeatureCodes()
    {
        var codes = new string[2 * FraudFeatureNames.Count];
        for (var i = 0; i < FraudFeatureNames.Count; i++)
        {
            codes[2 * i] = FraudFeatureNames.All[i] + "_high";
            codes[(2 * i) + 1] = FraudFeatureNames.All[i] + "_low";
        }

        return codes;
    }
}
