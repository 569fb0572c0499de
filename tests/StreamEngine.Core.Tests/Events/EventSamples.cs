using System.Text;
using System.Text.Json.Nodes;
using StreamEngine.Core.Events;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Core.Tests.Events;

/// <summary>Realistic records of every type (the examples of docs/events.md) and helpers to mutate them.</summary>
internal static class EventSamples
{
    public const string Secret = "test-secret";

    /// <summary>2026-11-22T08:15:30.250Z, the "ts" of every sample.</summary>
    public const long TsMs = 1_795_335_330_250;

    /// <summary>The Kafka timestamp used as reference: one second after the event.</summary>
    public const long KafkaMs = TsMs + 1000;

    public static readonly Pseudonymizer Pseudonymizer = new(Secret);

    public static ulong H(string value) => Pseudonymizer.Pseudonymize(value);

    private const string ClickCommon =
        "\"ts\":1795335330250,\"user_id\":\"u-1842\",\"session_id\":\"s-77aa\",\"device_id\":\"d-9f3c\"," +
        "\"ip\":\"203.0.113.42\",\"country\":\"DE\",\"channel\":\"search\",\"referrer\":\"https://www.google.com/\"";

    public static readonly Dictionary<string, string> Click = new()
    {
        ["page_view"] = "{\"event_id\":\"e-1\",\"type\":\"page_view\"," + ClickCommon + "}",
        ["search"] = "{\"event_id\":\"e-2\",\"type\":\"search\"," + ClickCommon + ",\"query\":\"trail running shoes\",\"category\":\"shoes\"}",
        ["product_view"] = "{\"event_id\":\"e-3\",\"type\":\"product_view\"," + ClickCommon + ",\"sku\":\"SKU-RUN-42\",\"category\":\"shoes\",\"price\":59.99,\"currency\":\"EUR\"}",
        ["add_to_cart"] = "{\"event_id\":\"e-4\",\"type\":\"add_to_cart\"," + ClickCommon + ",\"sku\":\"SKU-RUN-42\",\"category\":\"shoes\",\"price\":59.99,\"currency\":\"EUR\",\"quantity\":2}",
        ["remove_from_cart"] = "{\"event_id\":\"e-5\",\"type\":\"remove_from_cart\"," + ClickCommon + ",\"sku\":\"SKU-RUN-42\",\"category\":\"shoes\",\"price\":59.99,\"currency\":\"EUR\",\"quantity\":1}",
        ["checkout_start"] = "{\"event_id\":\"e-6\",\"type\":\"checkout_start\"," + ClickCommon + ",\"cart_value\":119.98,\"currency\":\"EUR\"}",
        ["purchase"] = "{\"event_id\":\"e-7\",\"type\":\"purchase\"," + ClickCommon + ",\"sku\":\"SKU-RUN-42\",\"category\":\"shoes\",\"price\":59.99,\"currency\":\"EUR\",\"quantity\":2,\"order_id\":\"o-5531\"}",
    };

    public static readonly Dictionary<string, string> Payment = new()
    {
        ["authorized"] = """
            {"event_id":"p-1","type":"payment","status":"authorized","ts":"2026-11-22T09:15:30.250+01:00",
             "txn_id":"txn-8841","order_id":"o-5531","user_id":"u-1842","card_token":"tok_4242xx","amount":129.97,
             "currency":"EUR","items":[{"sku":"SKU-RUN-42","qty":2,"price":59.99},{"sku":"SKU-SOCK-1","qty":1,"price":9.99}],
             "ip":"203.0.113.42","device_id":"d-9f3c","session_id":"s-77aa","billing_country":"DE",
             "shipping_country":"AT","ip_country":"DE","lat":52.52,"lon":13.405}
            """,
        ["declined"] = """
            {"event_id":"p-2","type":"payment","status":"declined","ts":1795335330250,"txn_id":"txn-8842",
             "order_id":"o-5532","user_id":"u-1842","card_token":"tok_4242xx","amount":12.5,"currency":"GBP",
             "items":[{"sku":"SKU-CAP-7","qty":1,"price":12.5}],"ip":"198.51.100.7","device_id":"d-9f3c",
             "billing_country":"GB","shipping_country":"GB","ip_country":"NL"}
            """,
        ["refund"] = """
            {"event_id":"p-3","type":"refund","ts":1795335330250,"txn_id":"txn-8841","user_id":"u-1842",
             "card_token":"tok_4242xx","amount":59.99,"currency":"EUR","order_id":"o-5531"}
            """,
        ["chargeback"] = """
            {"event_id":"p-4","type":"chargeback","ts":"2026-11-22T08:15:30.250Z","txn_id":"txn-8841",
             "user_id":"u-1842","card_token":"tok_4242xx","amount":129.97,"currency":"EUR"}
            """,
    };

    public static readonly Dictionary<string, string> InventoryRecords = new()
    {
        ["stock_snapshot"] = """{"event_id":"i-1","type":"stock_snapshot","ts":1795335330250,"sku":"SKU-RUN-42","warehouse":"BER-1","on_hand":340}""",
        ["purchase_order"] = """
            {"event_id":"i-2","type":"purchase_order","ts":1795335330250,"sku":"SKU-RUN-42","warehouse":"BER-1",
             "supplier":"ACME-SPORT","quantity":500,"po_id":"po-1201","ordered_at":"2026-11-22T08:15:30.250Z",
             "expected_at":"2026-11-29T10:00:00Z"}
            """,
        ["receipt"] = """
            {"event_id":"i-3","type":"receipt","ts":1795335330250,"sku":"SKU-RUN-42","warehouse":"BER-1",
             "supplier":"ACME-SPORT","quantity":480,"po_id":"po-1201","ordered_at":1794736800000,
             "received_at":"2026-11-22T08:15:30.250Z"}
            """,
        ["adjustment"] = """{"event_id":"i-4","type":"adjustment","ts":1795335330250,"sku":"SKU-RUN-42","warehouse":"BER-1","delta":-3,"reason":"damaged"}""",
        ["shipment_dispatched"] = """
            {"event_id":"i-5","type":"shipment_dispatched","ts":1795335330250,"shipment_id":"sh-9001",
             "warehouse":"BER-1","carrier":"DHL","destination_country":"AT","promised_at":"2026-11-25T18:00:00Z",
             "order_id":"o-5531"}
            """,
        ["shipment_delivered"] = """
            {"event_id":"i-6","type":"shipment_delivered","ts":1795335330250,"shipment_id":"sh-9001",
             "warehouse":"BER-1","carrier":"DHL","destination_country":"AT","dispatched_at":"2026-11-21T14:30:00Z",
             "promised_at":"2026-11-25T18:00:00Z"}
            """,
    };

    public static ClickEventDecoder ClickDecoder(DecoderOptions? options = null) =>
        new(Pseudonymizer, new Utf8Interner(), options ?? new DecoderOptions());

    public static PaymentEventDecoder PaymentDecoder(DecoderOptions? options = null) =>
        new(Pseudonymizer, new Utf8Interner(), options ?? new DecoderOptions());

    public static InventoryEventDecoder InventoryDecoder(DecoderOptions? options = null) =>
        new(Pseudonymizer, new Utf8Interner(), options ?? new DecoderOptions());

    /// <summary>The topics whose records the three decoders read.</summary>
    public static readonly string[] Topics = ["clickstream", "transactions", "inventory"];

    /// <summary>Every sample of a topic, by its type name (payments: by status).</summary>
    public static IReadOnlyDictionary<string, string> OfTopic(string topic) => topic switch
    {
        "clickstream" => Click,
        "transactions" => Payment,
        _ => InventoryRecords,
    };

    /// <summary>Decodes with a fresh decoder of the topic.</summary>
    public static DecodeResult Decode(string topic, ReadOnlySpan<byte> json, long referenceMs = KafkaMs, DecoderOptions? options = null) =>
        topic switch
        {
            "clickstream" => ClickDecoder(options).TryDecode(json, referenceMs, out _),
            "transactions" => PaymentDecoder(options).TryDecode(json, referenceMs, out _),
            _ => InventoryDecoder(options).TryDecode(json, referenceMs, out _),
        };

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>The sample with <paramref name="field"/> removed.</summary>
    public static byte[] Without(string json, string field)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove(field), $"sample has no field {field}");
        return Utf8(node.ToJsonString());
    }

    /// <summary>The sample with <paramref name="field"/> set to the raw JSON <paramref name="value"/>.</summary>
    public static byte[] With(string json, string field, string value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[field] = JsonNode.Parse(value);
        return Utf8(node.ToJsonString());
    }

    /// <summary>Chains <see cref="With(string, string, string)"/>.</summary>
    public static byte[] With(byte[] json, string field, string value) => With(Encoding.UTF8.GetString(json), field, value);
}
