namespace StreamEngine.Core.Simulation;

/// <summary>Emitted clickstream counts of one (sku, country): events per type, and units in purchase events.</summary>
public record struct SkuCountryCounts(long ProductViews, long AddToCarts, long Purchases, long PurchasedUnits);
