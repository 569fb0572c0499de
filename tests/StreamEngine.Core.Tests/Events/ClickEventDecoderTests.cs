using StreamEngine.Core.Events;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Events;

public sealed class ClickEventDecoderTests
{
    private static readonly string[] Common =
        ["event_id", "type", "ts", "user_id", "session_id", "device_id", "ip", "country", "channel"];

    private static readonly string[] Product = [.. Common, "sku", "category", "price", "currency"];

    private readonly ClickEventDecoder _decoder = ClickDecoder();

    public static TheoryData<string, ClickEvent> EveryType()
    {
        ClickEvent Base(string id, ClickEventType type) => new(H(id), TsMs, type, H("u-1842"), H("s-77aa"), H("d-9f3c"),
            H("203.0.113.42"), "DE", "search", null, null, 0, 0, null, 0, 0);
        return new()
        {
            { "page_view", Base("e-1", ClickEventType.PageView) },
            { "search", Base("e-2", ClickEventType.Search) with { Category = "shoes", QueryHash = H("trail running shoes") } },
            { "product_view", Base("e-3", ClickEventType.ProductView) with { Sku = "SKU-RUN-42", Category = "shoes", PriceCents = 5999, Quantity = 1, Currency = "EUR" } },
            { "add_to_cart", Base("e-4", ClickEventType.AddToCart) with { Sku = "SKU-RUN-42", Category = "shoes", PriceCents = 5999, Quantity = 2, Currency = "EUR" } },
            { "remove_from_cart", Base("e-5", ClickEventType.RemoveFromCart) with { Sku = "SKU-RUN-42", Category = "shoes", PriceCents = 5999, Quantity = 1, Currency = "EUR" } },
            { "checkout_start", Base("e-6", ClickEventType.CheckoutStart) with { PriceCents = 11998, Currency = "EUR" } },
            { "purchase", Base("e-7", ClickEventType.Purchase) with { Sku = "SKU-RUN-42", Category = "shoes", PriceCents = 5999, Quantity = 2, Currency = "EUR", OrderId = H("o-5531") } },
        };
    }

    [Theory]
    [MemberData(nameof(EveryType))]
    public void EveryType_DecodesEveryField(string type, ClickEvent expected)
    {
        var result = _decoder.TryDecode(Utf8(Click[type]), KafkaMs, out var evt);
        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal(expected, evt);
    }

    public static TheoryData<string, string> RequiredFields()
    {
        var data = new TheoryData<string, string>();
        void Add(string type, IEnumerable<string> fields)
        {
            foreach (var f in fields)
            {
                data.Add(type, f);
            }
        }

        Add("page_view", Common);
        Add("search", [.. Common, "query"]);
        Add("product_view", Product);
        Add("add_to_cart", Product);
        Add("remove_from_cart", Product);
        Add("checkout_start", Common);
        Add("purchase", [.. Product, "quantity", "order_id"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void RequiredFieldMissing_IsMissingFieldNamingIt(string type, string field)
    {
        var result = _decoder.TryDecode(Without(Click[type], field), KafkaMs, out var evt);
        Assert.Equal(DecodeResult.Fail(DecodeStatus.MissingField, field), result);
        Assert.Equal(default, evt);
    }

    [Theory]
    [InlineData("search", "category")]
    [InlineData("add_to_cart", "quantity")]
    [InlineData("page_view", "referrer")]
    [InlineData("checkout_start", "cart_value")]
    public void OptionalFieldMissingOrNull_StillDecodes(string type, string field)
    {
        Assert.True(_decoder.TryDecode(Without(Click[type], field), KafkaMs, out _).IsOk);
        Assert.True(_decoder.TryDecode(With(Click[type], field, "null"), KafkaMs, out _).IsOk);
    }

    [Fact]
    public void ProductQuantityAbsent_DefaultsToOne_CheckoutWithoutCartValue_HasNoAmount()
    {
        _decoder.TryDecode(Without(Click["add_to_cart"], "quantity"), KafkaMs, out var cart);
        Assert.Equal(1, cart.Quantity);
        _decoder.TryDecode(Without(Click["checkout_start"], "cart_value"), KafkaMs, out var checkout);
        Assert.Equal((0L, (string?)null), (checkout.PriceCents, checkout.Currency));
    }

    [Fact]
    public void CartValueWithoutCurrency_IsMissingCurrency()
    {
        var result = _decoder.TryDecode(Without(Click["checkout_start"], "currency"), KafkaMs, out _);
        Assert.Equal(DecodeResult.Fail(DecodeStatus.MissingField, "currency"), result);
    }

    [Fact]
    public void RequiredFieldNull_IsMissingField()
    {
        var result = _decoder.TryDecode(With(Click["purchase"], "order_id", "null"), KafkaMs, out _);
        Assert.Equal(DecodeResult.Fail(DecodeStatus.MissingField, "order_id"), result);
    }

    [Fact]
    public void FieldsNotDefinedForTheType_AreNotKept()
    {
        var json = With(With(Click["page_view"], "price", "10"), "sku", "\"SKU-X\"");
        _decoder.TryDecode(json, KafkaMs, out var evt);
        Assert.Equal((0L, (string?)null), (evt.PriceCents, evt.Sku));
    }

    [Theory]
    [InlineData("price", "-0.01")]
    [InlineData("price", "10000000.01")]
    [InlineData("price", "1e400")]
    [InlineData("quantity", "0")]
    [InlineData("quantity", "-1")]
    [InlineData("quantity", "10001")]
    [InlineData("quantity", "1.5")]
    [InlineData("country", "\"de\"")]
    [InlineData("country", "\"DEU\"")]
    [InlineData("currency", "\"EU\"")]
    [InlineData("currency", "\"eur\"")]
    [InlineData("channel", "\"tv\"")]
    [InlineData("user_id", "\"\"")]
    [InlineData("sku", "\"\"")]
    public void AbsurdValue_IsInvalidValueNamingTheField(string field, string value)
    {
        var result = _decoder.TryDecode(With(Click["purchase"], field, value), KafkaMs, out _);
        Assert.Equal(DecodeResult.Fail(DecodeStatus.InvalidValue, field), result);
    }

    [Theory]
    [InlineData("10000000")]
    [InlineData("0")]
    [InlineData("0.005")]
    public void PriceAtLimits_IsAccepted(string price)
    {
        Assert.True(_decoder.TryDecode(With(Click["purchase"], "price", price), KafkaMs, out _).IsOk);
    }

    [Theory]
    [InlineData("59.99", 5999)]
    [InlineData("0.005", 1)]
    [InlineData("0.004", 0)]
    [InlineData("1.015", 102)]
    [InlineData("100", 10000)]
    [InlineData("5.999e1", 5999)]
    public void Price_IsMinorUnitsRoundedHalfAwayFromZero(string price, long cents)
    {
        _decoder.TryDecode(With(Click["purchase"], "price", price), KafkaMs, out var evt);
        Assert.Equal(cents, evt.PriceCents);
    }

    [Fact]
    public void QuantityAtMaxQuantity_IsAccepted_AndTheLimitIsConfigurable()
    {
        Assert.True(_decoder.TryDecode(With(Click["purchase"], "quantity", "10000"), KafkaMs, out _).IsOk);
        var strict = ClickDecoder(new DecoderOptions { MaxQuantity = 5 });
        var result = strict.TryDecode(With(Click["purchase"], "quantity", "6"), KafkaMs, out _);
        Assert.Equal(DecodeResult.Fail(DecodeStatus.InvalidValue, "quantity"), result);
    }

    [Fact]
    public void UnknownType_IsUnknownEventType()
    {
        var result = _decoder.TryDecode(With(Click["page_view"], "type", "\"hover\""), KafkaMs, out _);
        Assert.Equal(DecodeResult.Fail(DecodeStatus.UnknownEventType, "type"), result);
    }

    [Fact]
    public void UnknownFields_AreIgnoredWhateverTheirShape()
    {
        var json = With(With(Click["purchase"], "experiment", "{\"arm\":[1,{\"x\":null}],\"n\":2}"), "tags", "[\"a\",\"b\"]");
        var result = _decoder.TryDecode(json, KafkaMs, out var evt);
        Assert.True(result.IsOk);
        Assert.Equal(H("o-5531"), evt.OrderId);
    }

    [Fact]
    public void EscapedStringsAndNames_DecodeLikeTheirPlainForm()
    {
        var escaped = Click["purchase"]
            .Replace("\"user_id\":\"u-1842\"", "\"\\u0075ser_id\":\"u-18\\u00342\"")
            .Replace("\"SKU-RUN-42\"", "\"SKU\\u002dRUN-42\"")
            .Replace("\"country\":\"DE\"", "\"country\":\"\\u0044E\"");
        _decoder.TryDecode(Utf8(Click["purchase"]), KafkaMs, out var plain);
        var result = _decoder.TryDecode(Utf8(escaped), KafkaMs, out var evt);
        Assert.True(result.IsOk);
        Assert.Equal(plain, evt);
    }

    [Fact]
    public void NonAsciiValues_AreHashedAndInternedFromTheirUtf8()
    {
        var result = _decoder.TryDecode(With(With(Click["purchase"], "category", "\"Schuhe & Stiefel – Größe\""), "user_id", "\"ユーザー\""), KafkaMs, out var evt);
        Assert.True(result.IsOk);
        Assert.Equal("Schuhe & Stiefel – Größe", evt.Category);
        Assert.Equal(H("ユーザー"), evt.UserId);
    }

    [Fact]
    public void LowCardinalityStrings_AreTheSameInstanceAcrossEvents()
    {
        _decoder.TryDecode(Utf8(Click["purchase"]), KafkaMs, out var a);
        _decoder.TryDecode(Utf8(Click["add_to_cart"]), KafkaMs, out var b);
        Assert.Same(a.Sku, b.Sku);
        Assert.Same(a.Country, b.Country);
        Assert.Same(a.Channel, b.Channel);
        Assert.Same(a.Currency, b.Currency);
    }

    [Fact]
    public void DecodeAfterFailure_IsUnaffected()
    {
        _decoder.TryDecode(With(Click["purchase"], "price", "-1"), KafkaMs, out _);
        _decoder.TryDecode("{\"event_id\":"u8, KafkaMs, out _);
        Assert.True(_decoder.TryDecode(Utf8(Click["purchase"]), KafkaMs, out var evt).IsOk);
        Assert.Equal(5999, evt.PriceCents);
    }
}
