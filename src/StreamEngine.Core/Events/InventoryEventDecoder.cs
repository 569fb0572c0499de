using System.Numerics;
using System.Text.Json;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Core.Events;

/// <summary>
/// Decodes inventory records (docs/events.md) from raw UTF-8 JSON into <see cref="InventoryEvent"/> without allocating
/// in steady state: identifiers are hashed from the input bytes and SKUs, warehouses, suppliers, carriers and countries
/// are interned. Never throws for bad input. Not thread-safe: one instance per consume thread.
/// </summary>
public sealed class InventoryEventDecoder : JsonEventDecoder<InventoryEvent>
{
    // Bit positions in the "seen" mask; the order is the order in which missing fields are reported.
    private enum Field
    {
        EventId, Type, Ts, Warehouse, Sku, OnHand, Supplier, Quantity, PoId, OrderedAt, ExpectedAt, ReceivedAt, Delta,
        Reason, ShipmentId, Carrier, DestinationCountry, DispatchedAt, PromisedAt, OrderId, Unknown,
    }

    private static readonly string[] FieldNames =
    [
        "event_id", "type", "ts", "warehouse", "sku", "on_hand", "supplier", "quantity", "po_id", "ordered_at",
        "expected_at", "received_at", "delta", "reason", "shipment_id", "carrier", "destination_country",
        "dispatched_at", "promised_at", "order_id",
    ];

    private const ulong Common = (1UL << (int)Field.Warehouse + 1) - 1;
    private const ulong StockOrder = Common | Bit.Sku | Bit.Supplier | Bit.Quantity | Bit.PoId | Bit.OrderedAt;
    private const ulong Shipment = Common | Bit.ShipmentId | Bit.Carrier | Bit.DestinationCountry | Bit.PromisedAt;

    /// <summary>Creates a decoder; <paramref name="options"/> are validated here.</summary>
    public InventoryEventDecoder(Pseudonymizer pseudonymizer, Utf8Interner interner, DecoderOptions options)
        : base(new EventFieldReader(pseudonymizer, interner, options))
    {
    }

    private protected override DecodeResult Decode(ref Utf8JsonReader reader, long referenceTimeMs, out InventoryEvent evt)
    {
        evt = default;
        ulong seen = 0, eventId = 0, poId = 0, shipmentId = 0, orderId = 0;
        long timeMs = 0, orderedAt = 0, expectedAt = 0, receivedAt = 0, dispatchedAt = 0, promisedAt = 0;
        int onHand = 0, quantity = 0, delta = 0;
        var type = InventoryEventType.StockSnapshot;
        string warehouse = string.Empty, sku = string.Empty, supplier = string.Empty, reason = string.Empty;
        string carrier = string.Empty, destination = string.Empty;
        var maxQuantity = Fields.Options.MaxQuantity;

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
                Field.Warehouse => Fields.Intern(ref reader, out warehouse),
                Field.Sku => Fields.Intern(ref reader, out sku),
                Field.OnHand => EventFieldReader.Integer(ref reader, 0, int.MaxValue, out onHand),
                Field.Supplier => Fields.Intern(ref reader, out supplier),
                Field.Quantity => EventFieldReader.Integer(ref reader, 1, maxQuantity, out quantity),
                Field.PoId => Fields.Hash(ref reader, out poId),
                Field.OrderedAt => Fields.RelatedTime(ref reader, referenceTimeMs, out orderedAt),
                Field.ExpectedAt => Fields.RelatedTime(ref reader, referenceTimeMs, out expectedAt),
                Field.ReceivedAt => Fields.RelatedTime(ref reader, referenceTimeMs, out receivedAt),
                Field.Delta => EventFieldReader.Integer(ref reader, -maxQuantity, maxQuantity, out delta),
                Field.Reason => Fields.Intern(ref reader, out reason), // validated; InventoryEvent has no field for it
                Field.ShipmentId => Fields.Hash(ref reader, out shipmentId),
                Field.Carrier => Fields.Intern(ref reader, out carrier),
                Field.DestinationCountry => Fields.Country(ref reader, out destination),
                Field.DispatchedAt => Fields.RelatedTime(ref reader, referenceTimeMs, out dispatchedAt),
                Field.PromisedAt => Fields.RelatedTime(ref reader, referenceTimeMs, out promisedAt),
                _ => Fields.Hash(ref reader, out orderId), // order_id of a dispatch: validated; no field to keep it
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
            InventoryEventType.StockSnapshot => Common | Bit.Sku | Bit.OnHand,
            InventoryEventType.PurchaseOrder => StockOrder | Bit.ExpectedAt,
            InventoryEventType.Receipt => StockOrder | Bit.ReceivedAt,
            InventoryEventType.Adjustment => Common | Bit.Sku | Bit.Delta | Bit.Reason,
            InventoryEventType.ShipmentDispatched => Shipment,
            _ => Shipment | Bit.DispatchedAt,
        };

        var missing = required & ~seen;
        if (missing != 0)
        {
            return DecodeResult.Fail(DecodeStatus.MissingField, FieldNames[BitOperations.TrailingZeroCount(missing)]);
        }

        // Keep only what the type defines, so stray fields never leak into features.
        evt = type switch
        {
            InventoryEventType.StockSnapshot => new InventoryEvent(eventId, timeMs, type, sku, warehouse, null, onHand,
                0, 0, 0, 0, 0, null, null, 0, 0),
            InventoryEventType.PurchaseOrder => new InventoryEvent(eventId, timeMs, type, sku, warehouse, supplier,
                quantity, poId, orderedAt, 0, expectedAt, 0, null, null, 0, 0),
            InventoryEventType.Receipt => new InventoryEvent(eventId, timeMs, type, sku, warehouse, supplier, quantity,
                poId, orderedAt, receivedAt, 0, 0, null, null, 0, 0),
            InventoryEventType.Adjustment => new InventoryEvent(eventId, timeMs, type, sku, warehouse, null, delta,
                0, 0, 0, 0, 0, null, null, 0, 0),
            // A dispatch happens at its event time unless dispatched_at says otherwise.
            _ => new InventoryEvent(eventId, timeMs, type, null, warehouse, null, 0, 0, 0, 0, 0, shipmentId, carrier,
                destination, (seen & Bit.DispatchedAt) != 0 ? dispatchedAt : timeMs, promisedAt),
        };
        return DecodeResult.Ok;
    }

    private DecodeStatus ReadType(ref Utf8JsonReader reader, out InventoryEventType type)
    {
        type = InventoryEventType.StockSnapshot;
        if (reader.TokenType != JsonTokenType.String)
        {
            return DecodeStatus.WrongType;
        }

        var text = Fields.Text(ref reader);
        if (text.SequenceEqual("stock_snapshot"u8)) { type = InventoryEventType.StockSnapshot; }
        else if (text.SequenceEqual("purchase_order"u8)) { type = InventoryEventType.PurchaseOrder; }
        else if (text.SequenceEqual("receipt"u8)) { type = InventoryEventType.Receipt; }
        else if (text.SequenceEqual("adjustment"u8)) { type = InventoryEventType.Adjustment; }
        else if (text.SequenceEqual("shipment_dispatched"u8)) { type = InventoryEventType.ShipmentDispatched; }
        else if (text.SequenceEqual("shipment_delivered"u8)) { type = InventoryEventType.ShipmentDelivered; }
        else { return DecodeStatus.UnknownEventType; }

        return DecodeStatus.Ok;
    }

    private static Field Match(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("ts"u8) => Field.Ts,
        3 when name.SequenceEqual("sku"u8) => Field.Sku,
        4 when name.SequenceEqual("type"u8) => Field.Type,
        5 when name.SequenceEqual("po_id"u8) => Field.PoId,
        5 when name.SequenceEqual("delta"u8) => Field.Delta,
        6 when name.SequenceEqual("reason"u8) => Field.Reason,
        7 when name.SequenceEqual("on_hand"u8) => Field.OnHand,
        7 when name.SequenceEqual("carrier"u8) => Field.Carrier,
        8 when name.SequenceEqual("event_id"u8) => Field.EventId,
        8 when name.SequenceEqual("supplier"u8) => Field.Supplier,
        8 when name.SequenceEqual("quantity"u8) => Field.Quantity,
        8 when name.SequenceEqual("order_id"u8) => Field.OrderId,
        9 when name.SequenceEqual("warehouse"u8) => Field.Warehouse,
        10 when name.SequenceEqual("ordered_at"u8) => Field.OrderedAt,
        11 when name.SequenceEqual("expected_at"u8) => Field.ExpectedAt,
        11 when name.SequenceEqual("received_at"u8) => Field.ReceivedAt,
        11 when name.SequenceEqual("shipment_id"u8) => Field.ShipmentId,
        11 when name.SequenceEqual("promised_at"u8) => Field.PromisedAt,
        13 when name.SequenceEqual("dispatched_at"u8) => Field.DispatchedAt,
        19 when name.SequenceEqual("destination_country"u8) => Field.DestinationCountry,
        _ => Field.Unknown,
    };

    private static class Bit
    {
        public const ulong Type = 1UL << (int)Field.Type;
        public const ulong Sku = 1UL << (int)Field.Sku;
        public const ulong OnHand = 1UL << (int)Field.OnHand;
        public const ulong Supplier = 1UL << (int)Field.Supplier;
        public const ulong Quantity = 1UL << (int)Field.Quantity;
        public const ulong PoId = 1UL << (int)Field.PoId;
        public const ulong OrderedAt = 1UL << (int)Field.OrderedAt;
        public const ulong ExpectedAt = 1UL << (int)Field.ExpectedAt;
        public const ulong ReceivedAt = 1UL << (int)Field.ReceivedAt;
        public const ulong Delta = 1UL << (int)Field.Delta;
        public const ulong Reason = 1UL << (int)Field.Reason;
        public const ulong ShipmentId = 1UL << (int)Field.ShipmentId;
        public const ulong Carrier = 1UL << (int)Field.Carrier;
        public const ulong DestinationCountry = 1UL << (int)Field.DestinationCountry;
        public const ulong DispatchedAt = 1UL << (int)Field.DispatchedAt;
        public const ulong PromisedAt = 1UL << (int)Field.PromisedAt;
    }
}
