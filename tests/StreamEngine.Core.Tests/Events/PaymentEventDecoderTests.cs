using StreamEngine.Core.Events;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Events;

public sealed class PaymentEventDecoderTests
{
    private static readonly string[] LabelFields = ["event_id", "type", "ts", "txn_id", "user_id", "card_token", "amount", "currency"];

    private static readonly string[] PaymentFields =
        [.. LabelFields, "status", "order_id", "items", "ip", "device_id", "billing_country", "shipping_country", "ip_country"];

    private readonly PaymentEventDecoder _decoder = PaymentDecoder();

    [Fact]
    public void AuthorizedPayment_DecodesEveryField()
    {
        var result = _decoder.TryDecode(Utf8(Payment["authorized"]), KafkaMs, out var evt);
        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal(H("p-1"), evt.EventId);
        Assert.Equal(TsMs, evt.TimeMs);
        Assert.Equal(PaymentEventType.Authorized, evt.Type);
        Assert.Equal("txn-8841", evt.TxnId);
        Assert.Equal(H("o-5531"), evt.OrderId);
        Assert.Equal(H("u-1842"), evt.UserId);
        Assert.Equal(H("tok_4242xx"), evt.CardToken);
        Assert.Equal(12997, evt.AmountCents);
        Assert.Equal("EUR", evt.Currency);
        Assert.Equal([new PaymentItem("SKU-RUN-42", 2, 5999), new PaymentItem("SKU-SOCK-1", 1, 999)], evt.Items);
        Assert.Equal(H("203.0.113.42"), evt.Ip);
        Assert.Equal(H("d-9f3c"), evt.DeviceId);
        Assert.Equal(H("s-77aa"), evt.SessionId);
        Assert.Equal(("DE", "AT", "DE"), (evt.BillingCountry, evt.ShippingCountry, evt.IpCountry));
        Assert.Equal((52.52, 13.405), (evt.Latitude, evt.Longitude));
        Assert.True(evt.HasLocation);
    }

    [Fact]
    public void DeclinedPayment_WithoutOptionalFields_HasNoSessionAndNaNLocation()
    {
        var result = _decoder.TryDecode(Utf8(Payment["declined"]), KafkaMs, out var evt);
        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal(PaymentEventType.Declined, evt.Type);
        Assert.Equal(("txn-8842", 1250L, "GBP"), (evt.TxnId, evt.AmountCents, evt.Currency));
        Assert.Equal([new PaymentItem("SKU-CAP-7", 1, 1250)], evt.Items);
        Assert.Equal(("GB", "GB", "NL"), (evt.BillingCountry, evt.ShippingCountry, evt.IpCountry));
        Assert.Equal(0UL, evt.SessionId);
        Assert.True(double.IsNaN(evt.Latitude) && double.IsNaN(evt.Longitude));
        Assert.False(evt.HasLocation);
    }

    [Fact]
    public void Refund_CarriesTheTxnIdOfItsPayment_AndOptionalOrderId()
    {
        var result = _decoder.TryDecode(Utf8(Payment["refund"]), KafkaMs, out var evt);
        Assert.Equal(DecodeResult.Ok, result);
        var expected = new PaymentEvent(H("p-3"), TsMs, PaymentEventType.Refunded, "txn-8841", H("o-5531"), H("u-1842"),
            H("tok_4242xx"), 5999, "EUR", [], 0, 0, 0, "", "", "", double.NaN, double.NaN);
        Assert.Equal(expected with { Items = evt.Items }, evt);
        Assert.Empty(evt.Items);
    }

    [Fact]
    public void Chargeback_WithOnlyRequiredFields_Decodes()
    {
        var result = _decoder.TryDecode(Utf8(Payment["chargeback"]), KafkaMs, out var evt);
        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal((PaymentEventType.Chargeback, "txn-8841", 12997L, 0UL), (evt.Type, evt.TxnId, evt.AmountCents, evt.OrderId));
        Assert.Empty(evt.Items);
    }

    public static TheoryData<string, string> RequiredFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in PaymentFields)
        {
            data.Add("authorized", f);
            data.Add("declined", f);
        }

        foreach (var f in LabelFields)
        {
            data.Add("refund", f);
            data.Add("chargeback", f);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void RequiredFieldMissing_IsMissingFieldNamingIt(string sample, string field)
    {
        var result = _decoder.TryDecode(Without(Payment[sample], field), KafkaMs, out var evt);
        Assert.Equal(DecodeResult.Fail(DecodeStatus.MissingField, field), result);
        Assert.Equal(default, evt);
    }

    [Theory]
    [InlineData("sku")]
    [InlineData("qty")]
    [InlineData("price")]
    public void ItemFieldMissing_IsMissingFieldNamingTheItemField(string field)
    {
        var items = "[{\"sku\":\"A\",\"qty\":1,\"price\":1}]".Replace($"\"{field}\":", "\"other\":");
        var result = _decoder.TryDecode(With(Payment["declined"], "items", items), KafkaMs, out _);
        Assert.Equal(DecodeResult.Fail(DecodeStatus.MissingField, $"items[].{field}"), result);
    }

    [Theory]
    [InlineData("items", "{}", DecodeStatus.WrongType, "items")]
    [InlineData("items", "[1]", DecodeStatus.WrongType, "items")]
    [InlineData("items", "[]", DecodeStatus.InvalidValue, "items")]
    [InlineData("items", "[{\"sku\":\"A\",\"qty\":0,\"price\":1}]", DecodeStatus.InvalidValue, "items[].qty")]
    [InlineData("items", "[{\"sku\":\"A\",\"qty\":10001,\"price\":1}]", DecodeStatus.InvalidValue, "items[].qty")]
    [InlineData("items", "[{\"sku\":\"A\",\"qty\":1,\"price\":-1}]", DecodeStatus.InvalidValue, "items[].price")]
    [InlineData("items", "[{\"sku\":7,\"qty\":1,\"price\":1}]", DecodeStatus.WrongType, "items[].sku")]
    [InlineData("amount", "-0.01", DecodeStatus.InvalidValue, "amount")]
    [InlineData("amount", "10000000.01", DecodeStatus.InvalidValue, "amount")]
    [InlineData("amount", "\"129.97\"", DecodeStatus.WrongType, "amount")]
    [InlineData("lat", "90.0001", DecodeStatus.InvalidValue, "lat")]
    [InlineData("lat", "-90.5", DecodeStatus.InvalidValue, "lat")]
    [InlineData("lon", "180.5", DecodeStatus.InvalidValue, "lon")]
    [InlineData("lon", "1e400", DecodeStatus.InvalidValue, "lon")]
    [InlineData("lat", "\"52.5\"", DecodeStatus.WrongType, "lat")]
    [InlineData("billing_country", "\"Germany\"", DecodeStatus.InvalidValue, "billing_country")]
    [InlineData("ip_country", "\"d1\"", DecodeStatus.InvalidValue, "ip_country")]
    [InlineData("currency", "\"€\"", DecodeStatus.InvalidValue, "currency")]
    [InlineData("txn_id", "8841", DecodeStatus.WrongType, "txn_id")]
    [InlineData("txn_id", "\"\"", DecodeStatus.InvalidValue, "txn_id")]
    [InlineData("card_token", "{}", DecodeStatus.WrongType, "card_token")]
    [InlineData("status", "true", DecodeStatus.WrongType, "status")]
    [InlineData("status", "\"pending\"", DecodeStatus.UnknownEventType, "status")]
    [InlineData("type", "\"payout\"", DecodeStatus.UnknownEventType, "type")]
    public void BadValue_IsRejectedNamingTheField(string field, string value, DecodeStatus status, string reported)
    {
        var result = _decoder.TryDecode(With(Payment["authorized"], field, value), KafkaMs, out _);
        Assert.Equal(DecodeResult.Fail(status, reported), result);
    }

    [Theory]
    [InlineData("90", "180")]
    [InlineData("-90", "-180")]
    [InlineData("0", "0")]
    public void CoordinatesAtTheLimits_AreAccepted(string lat, string lon)
    {
        var result = _decoder.TryDecode(With(With(Payment["authorized"], "lat", lat), "lon", lon), KafkaMs, out var evt);
        Assert.True(result.IsOk);
        Assert.Equal((double.Parse(lat), double.Parse(lon)), (evt.Latitude, evt.Longitude));
    }

    [Fact]
    public void RefundWithAnUnknownStatus_IsAccepted()
    {
        Assert.True(_decoder.TryDecode(With(Payment["refund"], "status", "\"completed\""), KafkaMs, out _).IsOk);
    }

    [Fact]
    public void ItemsOfSuccessivePayments_AreSeparateArrays()
    {
        _decoder.TryDecode(Utf8(Payment["authorized"]), KafkaMs, out var first);
        _decoder.TryDecode(Utf8(Payment["declined"]), KafkaMs, out var second);
        Assert.Equal(2, first.Items.Length);
        Assert.Single(second.Items);
        Assert.NotSame(first.Items, second.Items);
    }
}
