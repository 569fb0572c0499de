namespace StreamEngine.Host.Http;

/// <summary>One SKU's activity summed over the status page's recent windows (revenue in reporting-currency minor units).</summary>
public readonly record struct TopProduct(string Sku, long Views, long AddToCarts, long Purchases, long RevenueMinor);
