namespace StreamEngine.Core.Events;

/// <summary>One order line of a payment.</summary>
public readonly record struct PaymentItem(string Sku, int Quantity, long PriceCents);
