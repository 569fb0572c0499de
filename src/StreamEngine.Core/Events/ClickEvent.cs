namespace StreamEngine.Core.Events;

/// <summary>
/// A decoded clickstream event. Personal identifiers (user, session, device, IP) arrive here already pseudonymised
/// as keyed 64-bit hashes; the raw values never leave the decoder. Money is in minor units (cents) of
/// <see cref="Currency"/>. Product fields are null for events that carry no product.
/// </summary>
public readonly record struct ClickEvent(
    ulong EventId,
    long TimeMs,
    ClickEventType Type,
    ulong UserId,
    ulong SessionId,
    ulong DeviceId,
    ulong Ip,
    string Country,
    string Channel,
    string? Sku,
    string? Category,
    long PriceCents,
    int Quantity,
    string? Currency,
    ulong QueryHash,
    ulong OrderId);
