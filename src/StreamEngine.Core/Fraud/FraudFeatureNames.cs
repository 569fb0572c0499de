namespace StreamEngine.Core.Fraud;

/// <summary>Feature count and snake_case names in <see cref="FraudFeature"/> order: the single place they are spelled.</summary>
public static class FraudFeatureNames
{
    /// <summary>Number of features; the length of <see cref="FraudFeatureVector"/>.</summary>
    public const int Count = 48;

    private static readonly string[] Names =
    [
        "velocity_card_1m", "velocity_card_1h", "velocity_card_24h",
        "velocity_user_1m", "velocity_user_1h", "velocity_user_24h",
        "velocity_ip_1m", "velocity_ip_1h", "velocity_ip_24h",
        "velocity_device_1m", "velocity_device_1h", "velocity_device_24h",
        "amount_card_1m", "amount_card_1h", "amount_card_24h",
        "amount_user_1m", "amount_user_1h", "amount_user_24h",
        "amount_ip_1m", "amount_ip_1h", "amount_ip_24h",
        "amount_device_1m", "amount_device_1h", "amount_device_24h",
        "declines_card_10m", "declines_device_10m",
        "distinct_cards_device_24h", "distinct_cards_ip_24h", "distinct_devices_user_24h", "distinct_ips_user_24h",
        "log_amount", "amount_zscore_user",
        "new_device_for_user", "new_ip_for_user",
        "hours_since_last_payment", "account_age_days",
        "ip_country_not_billing", "ip_country_not_shipping", "billing_not_shipping",
        "travel_distance_km", "travel_speed_kmh", "impossible_travel",
        "refunds_card_90d", "chargebacks_card_90d", "refunds_user_90d", "chargebacks_user_90d",
        "session_known", "session_minutes_before_payment",
    ];

    /// <summary>All names in vector order.</summary>
    public static IReadOnlyList<string> All => Names;

    public static string Name(FraudFeature feature) => Names[(int)feature];

    /// <summary>Finds a feature by its snake_case name.</summary>
    public static bool TryParse(string name, out FraudFeature feature)
    {
        var index = Array.IndexOf(Names, name);
        feature = (FraudFeature)index;
        return index >= 0;
    }
}
