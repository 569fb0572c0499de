using System.Numerics;
using System.Text.Json;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Core.Events;

/// <summary>
/// Decodes clickstream records (docs/events.md) from raw UTF-8 JSON into <see cref="ClickEvent"/> without allocating
/// in steady state: identifiers are hashed straight from the input bytes and low-cardinality strings are interned.
/// Never throws for bad input. Not thread-safe: one instance per consume thread.
/// </summary>
public sealed class ClickEventDecoder : JsonEventDecoder<ClickEvent>
{
    // Bit positions in the "seen" mask; the order is the order in which missing fields are reported.
    private enum Field
    {
        EventId, Type, Ts, UserId, SessionId, DeviceId, Ip, Country, Channel,
        Query, Sku, Category, Price, Currency, Quantity, OrderId, CartValue, Referrer, Unknown,
    }

    private static readonly string[] FieldNames =
    [
        "event_id", "type", "ts", "user_id", "session_id", "device_id", "ip", "country", "channel",
        "query", "sku", "category", "price", "currency", "quantity", "order_id", "cart_value", "referrer",
    ];

    private const ulong Common = (1UL << (int)Field.Channel + 1) - 1;
    private const ulong Product = Common | Bit.Sku | Bit.Category | Bit.Price | Bit.Currency;

    /// <summary>
    /// Creates a decoder; <paramref name="options"/> are validated here. <paramref name="rawRelease"/>, if given, receives
    /// the raw values of the personal fields configured as allowed (docs/data-classification.md).
    /// </summary>
    public ClickEventDecoder(Pseudonymizer pseudonymizer, Utf8Interner interner, DecoderOptions options, RawIdentifierRelease? rawRelease = null)
        : base(new EventFieldReader(pseudonymizer, interner, options, rawRelease))
    {
    }

    private protected override DecodeResult Decode(ref Utf8JsonReader reader, long referenceTimeMs, out ClickEvent evt)
    {
        evt = default;
        ulong seen = 0, eventId = 0, userId = 0, sessionId = 0, deviceId = 0, ip = 0, queryHash = 0, orderId = 0;
        long timeMs = 0, priceCents = 0, cartValueCents = 0;
        int quantity = 1;
        var type = ClickEventType.PageView;
        string country = string.Empty, channel = string.Empty;
        string? sku = null, category = null, currency = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Match(Fields.Text(ref reader));
            reader.Read();
            if (field == Field.Unknown || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            var status = field switch
            {
                Field.EventId => Fields.Hash(ref reader, out eventId),
                Field.Type => ReadType(ref reader, out type),
                Field.Ts => Fields.EventTime(ref reader, referenceTimeMs, out timeMs),
                Field.UserId => Fields.Personal(ref reader, PersonalField.UserId, out userId),
                Field.SessionId => Fields.Personal(ref reader, PersonalField.SessionId, out sessionId),
                Field.DeviceId => Fields.Personal(ref reader, PersonalField.DeviceId, out deviceId),
                Field.Ip => Fields.Personal(ref reader, PersonalField.Ip, out ip),
                Field.Country => Fields.Country(ref reader, out country),
                Field.Channel => ReadChannel(ref reader, out channel),
                Field.Query => Fields.Hash(ref reader, out queryHash),
                Field.Sku => Intern(ref reader, out sku),
                Field.Category => Intern(ref reader, out category),
                Field.Price => Fields.Money(ref reader, out priceCents),
                Field.Currency => Currency(ref reader, out currency),
                Field.Quantity => EventFieldReader.Integer(ref reader, 1, Fields.Options.MaxQuantity, out quantity),
                Field.OrderId => Fields.Hash(ref reader, out orderId),
                Field.CartValue => Fields.Money(ref reader, out cartValueCents),
                _ => EventFieldReader.AnyString(ref reader), // referrer: accepted, not kept
            };

            if (status != DecodeStatus.Ok)
            {
                return DecodeResult.Fail(status, FieldNames[(int)field]);
            }

            seen |= 1UL << (int)field;
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return DecodeResult.Fail(DecodeStatus.MalformedJson);
        }

        var required = (seen & Bit.Type) == 0 ? Common : type switch
        {
            ClickEventType.Search => Common | Bit.Query,
            ClickEventType.ProductView or ClickEventType.AddToCart or ClickEventType.RemoveFromCart => Product,
            ClickEventType.CheckoutStart => (seen & Bit.CartValue) != 0 ? Common | Bit.Currency : Common,
            ClickEventType.Purchase => Product | Bit.Quantity | Bit.OrderId,
            _ => Common,
        };

        var missing = required & ~seen;
        if (missing != 0)
        {
            return DecodeResult.Fail(DecodeStatus.MissingField, FieldNames[BitOperations.TrailingZeroCount(missing)]);
        }

        // Keep only what the type defines, so extra fields never leak into features (e.g. a price on a page_view).
        evt = type switch
        {
            ClickEventType.PageView => new ClickEvent(eventId, timeMs, type, userId, sessionId, deviceId, ip, country,
                channel, null, null, 0, 0, null, 0, 0),
            ClickEventType.Search => new ClickEvent(eventId, timeMs, type, userId, sessionId, deviceId, ip, country,
                channel, null, category, 0, 0, null, queryHash, 0),
            ClickEventType.CheckoutStart => new ClickEvent(eventId, timeMs, type, userId, sessionId, deviceId, ip,
                country, channel, null, null, cartValueCents, 0, (seen & Bit.CartValue) != 0 ? currency : null, 0, 0),
            _ => new ClickEvent(eventId, timeMs, type, userId, sessionId, deviceId, ip, country, channel, sku, category,
                priceCents, quantity, currency, 0, type == ClickEventType.Purchase ? orderId : 0),
        };
        return DecodeResult.Ok;
    }

    private DecodeStatus Intern(ref Utf8JsonReader reader, out string? value)
    {
        var status = Fields.Intern(ref reader, out var text);
        value = text;
        return status;
    }

    private DecodeStatus Currency(ref Utf8JsonReader reader, out string? value)
    {
        var status = Fields.Currency(ref reader, out var text);
        value = text;
        return status;
    }

    private DecodeStatus ReadType(ref Utf8JsonReader reader, out ClickEventType type)
    {
        type = ClickEventType.PageView;
        if (reader.TokenType != JsonTokenType.String)
        {
            return DecodeStatus.WrongType;
        }

        var text = Fields.Text(ref reader);
        if (text.SequenceEqual("page_view"u8)) { type = ClickEventType.PageView; }
        else if (text.SequenceEqual("search"u8)) { type = ClickEventType.Search; }
        else if (text.SequenceEqual("product_view"u8)) { type = ClickEventType.ProductView; }
        else if (text.SequenceEqual("add_to_cart"u8)) { type = ClickEventType.AddToCart; }
        else if (text.SequenceEqual("remove_from_cart"u8)) { type = ClickEventType.RemoveFromCart; }
        else if (text.SequenceEqual("checkout_start"u8)) { type = ClickEventType.CheckoutStart; }
        else if (text.SequenceEqual("purchase"u8)) { type = ClickEventType.Purchase; }
        else { return DecodeStatus.UnknownEventType; }

        return DecodeStatus.Ok;
    }

    private DecodeStatus ReadChannel(ref Utf8JsonReader reader, out string channel)
    {
        var status = Fields.Intern(ref reader, out channel);
        return status != DecodeStatus.Ok || channel is "direct" or "search" or "social" or "email" or "ads" or "affiliate"
            ? status
            : DecodeStatus.InvalidValue;
    }

    private static Field Match(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("ts"u8) => Field.Ts,
        2 when name.SequenceEqual("ip"u8) => Field.Ip,
        3 when name.SequenceEqual("sku"u8) => Field.Sku,
        4 when name.SequenceEqual("type"u8) => Field.Type,
        5 when name.SequenceEqual("query"u8) => Field.Query,
        5 when name.SequenceEqual("price"u8) => Field.Price,
        7 when name.SequenceEqual("user_id"u8) => Field.UserId,
        7 when name.SequenceEqual("country"u8) => Field.Country,
        7 when name.SequenceEqual("channel"u8) => Field.Channel,
        8 when name.SequenceEqual("event_id"u8) => Field.EventId,
        8 when name.SequenceEqual("category"u8) => Field.Category,
        8 when name.SequenceEqual("currency"u8) => Field.Currency,
        8 when name.SequenceEqual("quantity"u8) => Field.Quantity,
        8 when name.SequenceEqual("order_id"u8) => Field.OrderId,
        8 when name.SequenceEqual("referrer"u8) => Field.Referrer,
        9 when name.SequenceEqual("device_id"u8) => Field.DeviceId,
        10 when name.SequenceEqual("session_id"u8) => Field.SessionId,
        10 when name.SequenceEqual("cart_value"u8) => Field.CartValue,
        _ => Field.Unknown,
    };

    private static class Bit
    {
        public const ulong Type = 1UL << (int)Field.Type;
        public const ulong Query = 1UL << (int)Field.Query;
        public const ulong Sku = 1UL << (int)Field.Sku;
        public const ulong Category = 1UL << (int)Field.Category;
        public const ulong Price = 1UL << (int)Field.Price;
        public const ulong Currency = 1UL << (int)Field.Currency;
        public const ulong Quantity = 1UL << (int)Field.Quantity;
        public const ulong OrderId = 1UL << (int)Field.OrderId;
        public const ulong CartValue = 1UL << (int)Field.CartValue;
    }
}
