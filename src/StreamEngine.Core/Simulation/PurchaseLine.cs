namespace StreamEngine.Core.Simulation;

/// <summary>
/// One emitted purchase event as an order line: clickstream country, the currency the price is in, the unit price in
/// minor units of that currency and the quantity. Kept per line because converted revenue is rounded per line.
/// </summary>
public readonly record struct PurchaseLine(string Sku, string Country, string Currency, long PriceMinor, int Quantity);
