using System.Numerics;
using System.Text.Json;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Core.Events;

/// <summary>
/// Decodes transaction records (docs/events.md) from raw UTF-8 JSON into <see cref="PaymentEvent"/>. Identifiers and
/// personal data are hashed straight from the input bytes. Allocates only the txn_id string and the items array of a
/// payment (both are kept by the fraud state). Never throws for bad input. Not thread-safe: one per consume thread.
/// </summary>
public sealed class PaymentEventDecoder : JsonEventDecoder<PaymentEvent>
{
    // Bit positions in the "seen" mask; the order is the order in which missing fields are reported.
    private enum Field
    {
        EventId, Type, Ts, TxnId, UserId, CardToken, Amount, Currency, Status, OrderId, Items, Ip, DeviceId,
        BillingCountry, ShippingCountry, IpCountry, SessionId, Lat, Lon, Unknown,
    }

    private enum Kind { Payment, Refund, Chargeback }

    private enum Outcome { Unknown, Authorized, Declined }

    private static readonly string[] FieldNames =
    [
        "event_id", "type", "ts", "txn_id", "user_id", "card_token", "amount", "currency", "status", "order_id",
        "items", "ip", "device_id", "billing_country", "shipping_country", "ip_country", "session_id", "lat", "lon",
    ];

    // Refunds and chargebacks need the fields up to currency; payments need everything up to ip_country.
    private const ulong LabelRequired = (1UL << (int)Field.Currency + 1) - 1;
    private const ulong PaymentRequired = (1UL << (int)Field.IpCountry + 1) - 1;
    private const ulong TypeBit = 1UL << (int)Field.Type;

    private readonly List<PaymentItem> _items = new(8);

    /// <summary>
    /// Creates a decoder; <paramref name="options"/> are validated here. <paramref name="rawRelease"/>, if given, receives
    /// the raw values of the personal fields configured as allowed (docs/data-classification.md).
    /// </summary>
    public PaymentEventDecoder(Pseudonymizer pseudonymizer, Utf8Interner interner, DecoderOptions options, RawIdentifierRelease? rawRelease = null)
        : base(new EventFieldReader(pseudonymizer, interner, options, rawRelease))
    {
    }

    private protected override DecodeResult Decode(ref Utf8JsonReader reader, long referenceTimeMs, out PaymentEvent evt)
    {
        evt = default;
        ulong seen = 0, eventId = 0, userId = 0, cardToken = 0, orderId = 0, ip = 0, deviceId = 0, sessionId = 0;
        long timeMs = 0, amountCents = 0;
        double lat = double.NaN, lon = double.NaN;
        var kind = Kind.Payment;
        var outcome = Outcome.Unknown;
        string txnId = string.Empty, currency = string.Empty;
        string billing = string.Empty, shipping = string.Empty, ipCountry = string.Empty;
        _items.Clear();

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Match(Fields.Text(ref reader));
            reader.Read();
            if (field == Field.Unknown || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            var itemField = string.Empty;
            var status = field switch
            {
                Field.EventId => Fields.Hash(ref reader, out eventId),
                Field.Type => ReadKind(ref reader, out kind),
                Field.Ts => Fields.EventTime(ref reader, referenceTimeMs, out timeMs),
                Field.TxnId => Fields.String(ref reader, out txnId),
                Field.UserId => Fields.Personal(ref reader, PersonalField.UserId, out userId),
                Field.CardToken => Fields.Personal(ref reader, PersonalField.CardToken, out cardToken),
                Field.Amount => Fields.Money(ref reader, out amountCents),
                Field.Currency => Fields.Currency(ref reader, out currency),
                Field.Status => ReadOutcome(ref reader, out outcome),
                Field.OrderId => Fields.Hash(ref reader, out orderId),
                Field.Items => ReadItems(ref reader, out itemField),
                Field.Ip => Fields.Personal(ref reader, PersonalField.Ip, out ip),
                Field.DeviceId => Fields.Personal(ref reader, PersonalField.DeviceId, out deviceId),
                Field.BillingCountry => Fields.Country(ref reader, out billing),
                Field.ShippingCountry => Fields.Country(ref reader, out shipping),
                Field.IpCountry => Fields.Country(ref reader, out ipCountry),
                Field.SessionId => Fields.Personal(ref reader, PersonalField.SessionId, out sessionId),
                Field.Lat => EventFieldReader.Coordinate(ref reader, 90, out lat),
                _ => EventFieldReader.Coordinate(ref reader, 180, out lon),
            };

            if (status != DecodeStatus.Ok)
            {
                return DecodeResult.Fail(status, itemField.Length > 0 ? itemField : FieldNames[(int)field]);
            }

            seen |= 1UL << (int)field;
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return DecodeResult.Fail(DecodeStatus.MalformedJson);
        }

        // Without a type only the common fields can be checked (type itself among them).
        var required = (seen & TypeBit) != 0 && kind == Kind.Payment ? PaymentRequired : LabelRequired;

        var missing = required & ~seen;
        if (missing != 0)
        {
            return DecodeResult.Fail(DecodeStatus.MissingField, FieldNames[BitOperations.TrailingZeroCount(missing)]);
        }

        var type = kind switch
        {
            Kind.Refund => PaymentEventType.Refunded,
            Kind.Chargeback => PaymentEventType.Chargeback,
            _ when outcome == Outcome.Authorized => PaymentEventType.Authorized,
            _ when outcome == Outcome.Declined => PaymentEventType.Declined,
            _ => (PaymentEventType)byte.MaxValue,
        };
        if (type == (PaymentEventType)byte.MaxValue)
        {
            return DecodeResult.Fail(DecodeStatus.UnknownEventType, "status");
        }

        if (kind == Kind.Payment && _items.Count == 0)
        {
            return DecodeResult.Fail(DecodeStatus.InvalidValue, "items");
        }

        // The one allocation per payment besides txn_id: the fraud state keeps the order lines.
        var items = _items.Count == 0 ? [] : _items.ToArray();
        evt = new PaymentEvent(eventId, timeMs, type, txnId, orderId, userId, cardToken, amountCents, currency, items,
            ip, deviceId, sessionId, billing, shipping, ipCountry, lat, lon);
        return DecodeResult.Ok;
    }

    private DecodeStatus ReadItems(ref Utf8JsonReader reader, out string field)
    {
        field = string.Empty;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return DecodeStatus.WrongType;
        }

        _items.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return DecodeStatus.WrongType;
            }

            string sku = string.Empty;
            int quantity = 0;
            long priceCents = 0;
            int seen = 0; // bit 0 sku, 1 qty, 2 price
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = Fields.Text(ref reader);
                var index = name.SequenceEqual("sku"u8) ? 0 : name.SequenceEqual("qty"u8) ? 1 : name.SequenceEqual("price"u8) ? 2 : -1;
                reader.Read();
                if (index < 0 || reader.TokenType == JsonTokenType.Null)
                {
                    reader.Skip();
                    continue;
                }

                var status = index switch
                {
                    0 => Fields.Intern(ref reader, out sku),
                    1 => EventFieldReader.Integer(ref reader, 1, Fields.Options.MaxQuantity, out quantity),
                    _ => Fields.Money(ref reader, out priceCents),
                };
                if (status != DecodeStatus.Ok)
                {
                    field = index switch { 0 => "items[].sku", 1 => "items[].qty", _ => "items[].price" };
                    return status;
                }

                seen |= 1 << index;
            }

            if (seen != 0b111)
            {
                field = (seen & 1) == 0 ? "items[].sku" : (seen & 2) == 0 ? "items[].qty" : "items[].price";
                return DecodeStatus.MissingField;
            }

            _items.Add(new PaymentItem(sku, quantity, priceCents));
        }

        return DecodeStatus.Ok;
    }

    private DecodeStatus ReadKind(ref Utf8JsonReader reader, out Kind kind)
    {
        kind = Kind.Payment;
        if (reader.TokenType != JsonTokenType.String)
        {
            return DecodeStatus.WrongType;
        }

        var text = Fields.Text(ref reader);
        if (text.SequenceEqual("payment"u8)) { kind = Kind.Payment; }
        else if (text.SequenceEqual("refund"u8)) { kind = Kind.Refund; }
        else if (text.SequenceEqual("chargeback"u8)) { kind = Kind.Chargeback; }
        else { return DecodeStatus.UnknownEventType; }

        return DecodeStatus.Ok;
    }

    // An unknown status is kept as Unknown and rejected only for payments; refunds may carry their own statuses.
    private DecodeStatus ReadOutcome(ref Utf8JsonReader reader, out Outcome outcome)
    {
        outcome = Outcome.Unknown;
        if (reader.TokenType != JsonTokenType.String)
        {
            return DecodeStatus.WrongType;
        }

        var text = Fields.Text(ref reader);
        outcome = text.SequenceEqual("authorized"u8) ? Outcome.Authorized
            : text.SequenceEqual("declined"u8) ? Outcome.Declined
            : Outcome.Unknown;
        return DecodeStatus.Ok;
    }

    private static Field Match(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("ts"u8) => Field.Ts,
        2 when name.SequenceEqual("ip"u8) => Field.Ip,
        3 when name.SequenceEqual("lat"u8) => Field.Lat,
        3 when name.SequenceEqual("lon"u8) => Field.Lon,
        4 when name.SequenceEqual("type"u8) => Field.Type,
        5 when name.SequenceEqual("items"u8) => Field.Items,
        6 when name.SequenceEqual("txn_id"u8) => Field.TxnId,
        6 when name.SequenceEqual("amount"u8) => Field.Amount,
        6 when name.SequenceEqual("status"u8) => Field.Status,
        7 when name.SequenceEqual("user_id"u8) => Field.UserId,
        8 when name.SequenceEqual("event_id"u8) => Field.EventId,
        8 when name.SequenceEqual("currency"u8) => Field.Currency,
        8 when name.SequenceEqual("order_id"u8) => Field.OrderId,
        9 when name.SequenceEqual("device_id"u8) => Field.DeviceId,
        10 when name.SequenceEqual("card_token"u8) => Field.CardToken,
        10 when name.SequenceEqual("session_id"u8) => Field.SessionId,
        10 when name.SequenceEqual("ip_country"u8) => Field.IpCountry,
        15 when name.SequenceEqual("billing_country"u8) => Field.BillingCountry,
        16 when name.SequenceEqual("shipping_country"u8) => Field.ShippingCountry,
        _ => Field.Unknown,
    };
}
