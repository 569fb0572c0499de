namespace StreamEngine.Core.Events;

/// <summary>
/// A decoded payment event. Refunds and chargebacks carry the <see cref="TxnId"/> of the payment they refer to.
/// Card token, user, device, IP and session are pseudonymised keyed hashes. <see cref="Latitude"/> and
/// <see cref="Longitude"/> are NaN when the event carries no position.
/// </summary>
public readonly record struct PaymentEvent(
    ulong EventId,
    long TimeMs,
    PaymentEventType Type,
    string TxnId,
    ulong OrderId,
    ulong UserId,
    ulong CardToken,
    long AmountCents,
    string Currency,
    PaymentItem[] Items,
    ulong Ip,
    ulong DeviceId,
    ulong SessionId,
    string BillingCountry,
    string ShippingCountry,
    string IpCountry,
    double Latitude,
    double Longitude)
{
    public bool HasLocation => !double.IsNaN(Latitude) && !double.IsNaN(Longitude);
}
