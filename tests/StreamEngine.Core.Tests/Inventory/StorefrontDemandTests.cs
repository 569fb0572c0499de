using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Inventory;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class StorefrontDemandTests
{
    private readonly FulfilmentOptions _fulfilment = new();
    private readonly CurrencyConverter _converter = new(new FeatureOptions());

    [Fact]
    public void Purchase_IsItsQuantity_InTheWarehouseOfTheVisitorsCountry()
    {
        Assert.True(ClickDecoder().TryDecode(Utf8(Click["purchase"]), KafkaMs, out var purchase).IsOk);

        var demand = StorefrontDemand.FromPurchase(purchase, _fulfilment, _converter);

        // DE -> WH-2; 2 x 59.99 EUR in the reporting currency (USD).
        Assert.Equal(new DemandEvent("SKU-RUN-42", "WH-2", 2, _converter.Convert(2 * 5999, "EUR"), "shoes"), demand);
        Assert.True(demand.RevenueCents > 2 * 5999, "EUR converts to more USD cents");
    }

    [Fact]
    public void RefundWithItems_IsNegativeDemandPerLine_InThePurchasesWarehouse()
    {
        // The payment's ip_country (JP) is the visitor's country the purchase was mapped by; shipping (DE) is not used.
        var json = With(With(With(Payment["refund"], "items", """[{"sku":"SKU-RUN-42","qty":2,"price":59.99},{"sku":"SKU-SOCK-1","qty":1,"price":9.99}]"""),
            "ip_country", "\"JP\""), "shipping_country", "\"DE\"");
        Assert.True(PaymentDecoder().TryDecode(json, KafkaMs, out var refund).IsOk);
        Assert.Equal(PaymentEventType.Refunded, refund.Type);

        var lines = refund.Items.Select(item => StorefrontDemand.FromRefundLine(refund, item, _fulfilment, _converter)).ToList();

        Assert.Equal(
            [
                new DemandEvent("SKU-RUN-42", "WH-3", -2, -_converter.Convert(2 * 5999, "EUR"), ""),
                new DemandEvent("SKU-SOCK-1", "WH-3", -1, -_converter.Convert(999, "EUR"), ""),
            ],
            lines);
    }

    [Theory]
    [InlineData(null, "FR", "US", "WH-2")]  // no ip_country: the shipping country
    [InlineData(null, null, "US", "WH-1")]  // then the billing country
    [InlineData(null, null, null, "WH-1")]  // none: the default warehouse
    [InlineData("SG", "FR", "US", "WH-3")]
    public void RefundWarehouse_FollowsIpThenShippingThenBillingCountry(string? ip, string? shipping, string? billing, string warehouse)
    {
        var json = With(Payment["refund"], "items", """[{"sku":"S","qty":1,"price":1}]""");
        foreach (var (field, value) in new[] { ("ip_country", ip), ("shipping_country", shipping), ("billing_country", billing) })
        {
            if (value is not null)
            {
                json = With(json, field, $"\"{value}\"");
            }
        }

        Assert.True(PaymentDecoder().TryDecode(json, KafkaMs, out var refund).IsOk);

        Assert.Equal(warehouse, StorefrontDemand.FromRefundLine(refund, refund.Items[0], _fulfilment, _converter).Warehouse);
    }
}
