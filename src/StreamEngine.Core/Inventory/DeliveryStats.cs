namespace StreamEngine.Core.Inventory;

/// <summary>
/// Deliveries of one carrier to one destination country whose delivery time falls in [WindowStartMs, WindowEndMs).
/// Delivery time = delivered − dispatched, in ms; quantiles are exact nearest-rank over the window's deliveries;
/// late = delivered after promised_at. Row identity: (WindowStartMs, Carrier, DestinationCountry).
/// </summary>
public readonly record struct DeliveryStats(
    long WindowStartMs,
    long WindowEndMs,
    string Carrier,
    string DestinationCountry,
    int Deliveries,
    int LateDeliveries,
    double LateRate,
    double MeanDeliveryMs,
    long P50DeliveryMs,
    long P95DeliveryMs,
    long MaxDeliveryMs);
