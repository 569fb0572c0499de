using StreamEngine.Core.Events;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Events;

public sealed class InventoryEventDecoderTests
{
    private const long OrderedMs = 1_794_736_800_000; // 2026-11-15T10:00:00Z
    private const long ExpectedMs = 1_795_946_400_000; // 2026-11-29T10:00:00Z
    private const long DispatchedMs = 1_795_271_400_000; // 2026-11-21T14:30:00Z
    private const long PromisedMs = 1_795_629_600_000; // 2026-11-25T18:00:00Z

    private static readonly string[] Common = ["event_id", "type", "ts", "warehouse"];

    private readonly InventoryEventDecoder _decoder = InventoryDecoder();

    public static TheoryData<string, InventoryEvent> EveryType()
    {
        InventoryEvent Base(string id, InventoryEventType type) =>
            new(H(id), TsMs, type, "SKU-RUN-42", "BER-1", null, 0, 0, 0, 0, 0, 0, null, null, 0, 0);
        InventoryEvent Ship(string id, InventoryEventType type, long dispatchedMs) =>
            new(H(id), TsMs, type, null, "BER-1", null, 0, 0, 0, 0, 0, H("sh-9001"), "DHL", "AT", dispatchedMs, PromisedMs);
        return new()
        {
            { "stock_snapshot", Base("i-1", InventoryEventType.StockSnapshot) with { Quantity = 340 } },
            { "purchase_order", Base("i-2", InventoryEventType.PurchaseOrder) with { Supplier = "ACME-SPORT", Quantity = 500, PurchaseOrderId = H("po-1201"), OrderedAtMs = TsMs, ExpectedAtMs = ExpectedMs } },
            { "receipt", Base("i-3", InventoryEventType.Receipt) with { Supplier = "ACME-SPORT", Quantity = 480, PurchaseOrderId = H("po-1201"), OrderedAtMs = OrderedMs, ReceivedAtMs = TsMs } },
            { "adjustment", Base("i-4", InventoryEventType.Adjustment) with { Quantity = -3 } },
            { "shipment_dispatched", Ship("i-5", InventoryEventType.ShipmentDispatched, TsMs) },
            { "shipment_delivered", Ship("i-6", InventoryEventType.ShipmentDelivered, DispatchedMs) },
        };
    }

    [Theory]
    [MemberData(nameof(EveryType))]
    public void EveryType_DecodesEveryField(string type, InventoryEvent expected)
    {
        var result = _decoder.TryDecode(Utf8(EventSamples.Inventory[type]), KafkaMs, out var evt);
        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal(expected, evt);
    }

    public static TheoryData<string, string> RequiredFields()
    {
        var data = new TheoryData<string, string>();
        void Add(string type, params string[] fields)
        {
            foreach (var f in (string[])[.. Common, .. fields])
            {
                data.Add(type, f);
            }
        }

        Add("stock_snapshot", "sku", "on_hand");
        Add("purchase_order", "sku", "supplier", "quantity", "po_id", "ordered_at", "expected_at");
        Add("receipt", "sku", "supplier", "quantity", "po_id", "ordered_at", "received_at");
        Add("adjustment", "sku", "delta", "reason");
        Add("shipment_dispatched", "shipment_id", "carrier", "destination_country", "promised_at");
        Add("shipment_delivered", "shipment_id", "carrier", "destination_country", "dispatched_at", "promised_at");
        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void RequiredFieldMissing_IsMissingFieldNamingIt(string type, string field)
    {
        var result = _decoder.TryDecode(Without(EventSamples.Inventory[type], field), KafkaMs, out var evt);
        Assert.Equal(DecodeResult.Fail(DecodeStatus.MissingField, field), result);
        Assert.Equal(default, evt);
    }

    [Fact]
    public void DispatchWithDispatchedAt_UsesIt_AndOrderIdIsOptional()
    {
        var json = With(Without(EventSamples.Inventory["shipment_dispatched"], "order_id"), "dispatched_at", "\"2026-11-21T14:30:00Z\"");
        Assert.True(_decoder.TryDecode(json, KafkaMs, out var evt).IsOk);
        Assert.Equal(DispatchedMs, evt.DispatchedAtMs);
    }

    [Theory]
    [InlineData("adjustment", "delta", "-10000", -10000)]
    [InlineData("adjustment", "delta", "10000", 10000)]
    [InlineData("adjustment", "delta", "0", 0)]
    [InlineData("stock_snapshot", "on_hand", "0", 0)]
    [InlineData("stock_snapshot", "on_hand", "250000", 250000)]
    [InlineData("receipt", "quantity", "10000", 10000)]
    public void QuantitiesInRange_AreAccepted(string type, string field, string value, int quantity)
    {
        Assert.True(_decoder.TryDecode(With(EventSamples.Inventory[type], field, value), KafkaMs, out var evt).IsOk);
        Assert.Equal(quantity, evt.Quantity);
    }

    [Theory]
    [InlineData("adjustment", "delta", "-10001", DecodeStatus.InvalidValue)]
    [InlineData("adjustment", "delta", "2.5", DecodeStatus.InvalidValue)]
    [InlineData("adjustment", "delta", "\"-3\"", DecodeStatus.WrongType)]
    [InlineData("adjustment", "reason", "\"\"", DecodeStatus.InvalidValue)]
    [InlineData("adjustment", "reason", "3", DecodeStatus.WrongType)]
    [InlineData("stock_snapshot", "on_hand", "-1", DecodeStatus.InvalidValue)]
    [InlineData("stock_snapshot", "on_hand", "3000000000", DecodeStatus.InvalidValue)]
    [InlineData("stock_snapshot", "warehouse", "[\"BER-1\"]", DecodeStatus.WrongType)]
    [InlineData("purchase_order", "quantity", "-5", DecodeStatus.InvalidValue)]
    [InlineData("purchase_order", "quantity", "0", DecodeStatus.InvalidValue)]
    [InlineData("receipt", "quantity", "10001", DecodeStatus.InvalidValue)]
    [InlineData("receipt", "po_id", "1201", DecodeStatus.WrongType)]
    [InlineData("receipt", "supplier", "null", DecodeStatus.MissingField)]
    [InlineData("purchase_order", "expected_at", "\"next week\"", DecodeStatus.BadTimestamp)]
    [InlineData("purchase_order", "ordered_at", "1794736800", DecodeStatus.BadTimestamp)] // seconds, not ms
    [InlineData("purchase_order", "expected_at", "\"2028-01-01T00:00:00Z\"", DecodeStatus.BadTimestamp)] // > 366 days ahead
    [InlineData("receipt", "received_at", "true", DecodeStatus.WrongType)]
    [InlineData("shipment_dispatched", "destination_country", "\"at\"", DecodeStatus.InvalidValue)]
    [InlineData("shipment_dispatched", "promised_at", "\"2026-11-25T18:00:00\"", DecodeStatus.BadTimestamp)]
    [InlineData("shipment_dispatched", "order_id", "5531", DecodeStatus.WrongType)]
    [InlineData("shipment_delivered", "carrier", "{}", DecodeStatus.WrongType)]
    [InlineData("shipment_delivered", "dispatched_at", "-1", DecodeStatus.BadTimestamp)]
    public void BadValue_IsRejectedNamingTheField(string type, string field, string value, DecodeStatus status)
    {
        var result = _decoder.TryDecode(With(EventSamples.Inventory[type], field, value), KafkaMs, out _);
        Assert.Equal(DecodeResult.Fail(status, field), result);
    }

    [Fact]
    public void FieldsOfOtherTypes_AreNotKept()
    {
        var json = With(With(EventSamples.Inventory["adjustment"], "supplier", "\"ACME\""), "shipment_id", "\"sh-1\"");
        Assert.True(_decoder.TryDecode(json, KafkaMs, out var evt).IsOk);
        Assert.Equal(((string?)null, 0UL), (evt.Supplier, evt.ShipmentId));
    }
}
