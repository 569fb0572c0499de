using StreamEngine.Core.Events;
using StreamEngine.Core.Features;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// Demand derived from storefront events (docs/safety-stock.md, "Demand"): a purchase line adds its quantity, a line of
/// a refund that carries its items subtracts it. Revenue is converted to the reporting currency; the warehouse comes
/// from the fulfilment map. Pure and thread-safe.
/// </summary>
public static class StorefrontDemand
{
    /// <summary>The demand of one purchase line: units = quantity, warehouse from the visitor's country.</summary>
    public static DemandEvent FromPurchase(in ClickEvent purchase, FulfilmentOptions fulfilment, CurrencyConverter converter)
    {
        ArgumentNullException.ThrowIfNull(fulfilment);
        ArgumentNullException.ThrowIfNull(converter);
        return new DemandEvent(
            purchase.Sku ?? throw new ArgumentException("A purchase carries a SKU.", nameof(purchase)),
            fulfilment.WarehouseFor(purchase.Country),
            purchase.Quantity,
            converter.Convert(purchase.PriceCents * purchase.Quantity, purchase.Currency),
            purchase.Category ?? string.Empty);
    }

    /// <summary>
    /// The negative demand of one refunded line: units = −qty, revenue = −price·qty. The warehouse is the purchase's:
    /// the payment's <c>ip_country</c> is the visitor's country the purchase was mapped by, then the shipping and
    /// billing countries when it is absent. No category (refunds do not carry one; the SKU keeps its known one).
    /// </summary>
    public static DemandEvent FromRefundLine(in PaymentEvent refund, in PaymentItem line, FulfilmentOptions fulfilment, CurrencyConverter converter)
    {
        ArgumentNullException.ThrowIfNull(fulfilment);
        ArgumentNullException.ThrowIfNull(converter);
        var country = refund.IpCountry is { Length: > 0 } ip ? ip
            : refund.ShippingCountry is { Length: > 0 } shipping ? shipping
            : refund.BillingCountry;
        return new DemandEvent(
            line.Sku,
            fulfilment.WarehouseFor(country),
            -line.Quantity,
            -converter.Convert(line.PriceCents * line.Quantity, refund.Currency),
            string.Empty);
    }
}
