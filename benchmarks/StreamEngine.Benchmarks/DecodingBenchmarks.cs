using System.Text;
using BenchmarkDotNet.Attributes;
using StreamEngine.Core.Events;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Decoding one realistic record per topic from raw UTF-8 bytes, as the consume loop does. Excluded from the
/// measurement: building the payloads and decoders, and interning warm-up (done in <see cref="Setup"/>), so the
/// figures are steady state. Click and inventory should show 0 B; a payment allocates its txn_id and items array.
/// </summary>
[MemoryDiagnoser]
public class DecodingBenchmarks
{
    private const long KafkaMs = 1_795_335_331_250;

    private static readonly byte[] ClickJson = Encoding.UTF8.GetBytes(
        """
        {"event_id":"01JDC9W4K8Z7Q3V6R2T5Y8N1M4","type":"add_to_cart","ts":1795335330250,"user_id":"u-1842",
         "session_id":"s-77aa3c9e","device_id":"d-9f3c2b71","ip":"203.0.113.42","country":"DE","channel":"search",
         "referrer":"https://www.google.com/","sku":"SKU-RUN-42","category":"shoes","price":59.99,"currency":"EUR",
         "quantity":2}
        """);

    private static readonly byte[] PaymentJson = Encoding.UTF8.GetBytes(
        """
        {"event_id":"01JDC9W4K8Z7Q3V6R2T5Y8N1M5","type":"payment","status":"authorized","ts":"2026-11-22T09:15:30.250+01:00",
         "txn_id":"txn-8841","order_id":"o-5531","user_id":"u-1842","card_token":"tok_4242xx","amount":129.97,
         "currency":"EUR","items":[{"sku":"SKU-RUN-42","qty":2,"price":59.99},{"sku":"SKU-SOCK-1","qty":1,"price":9.99}],
         "ip":"203.0.113.42","device_id":"d-9f3c2b71","session_id":"s-77aa3c9e","billing_country":"DE",
         "shipping_country":"AT","ip_country":"DE","lat":52.52,"lon":13.405}
        """);

    private static readonly byte[] InventoryJson = Encoding.UTF8.GetBytes(
        """
        {"event_id":"01JDC9W4K8Z7Q3V6R2T5Y8N1M6","type":"receipt","ts":1795335330250,"sku":"SKU-RUN-42",
         "warehouse":"BER-1","supplier":"ACME-SPORT","quantity":480,"po_id":"po-1201","ordered_at":1794736800000,
         "received_at":"2026-11-22T08:15:30.250Z"}
        """);

    private ClickEventDecoder _click = null!;
    private PaymentEventDecoder _payment = null!;
    private InventoryEventDecoder _inventory = null!;

    [GlobalSetup]
    public void Setup()
    {
        var pseudonymizer = new Pseudonymizer("benchmark-secret");
        var options = new DecoderOptions();
        _click = new ClickEventDecoder(pseudonymizer, new Utf8Interner(), options);
        _payment = new PaymentEventDecoder(pseudonymizer, new Utf8Interner(), options);
        _inventory = new InventoryEventDecoder(pseudonymizer, new Utf8Interner(), options);
        if (!(Click().IsOk && Payment().IsOk && Inventory().IsOk))
        {
            throw new InvalidOperationException("a benchmark payload does not decode");
        }
    }

    [Benchmark]
    public DecodeResult Click() => _click.TryDecode(ClickJson, KafkaMs, out _);

    [Benchmark]
    public DecodeResult Payment() => _payment.TryDecode(PaymentJson, KafkaMs, out _);

    [Benchmark]
    public DecodeResult Inventory() => _inventory.TryDecode(InventoryJson, KafkaMs, out _);
}
