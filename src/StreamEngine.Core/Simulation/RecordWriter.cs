using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace StreamEngine.Core.Simulation;

/// <summary>
/// Formats scheduled steps as UTF-8 JSON records of the event contract. One reused buffer and writer; ids are formatted
/// into stack buffers, so the only allocations per record are the final key and value arrays.
/// </summary>
internal sealed partial class RecordWriter : IDisposable
{
    private static readonly string[] ChannelNames = ["direct", "search", "social", "email", "ads", "affiliate"];

    private static readonly string?[] Referrers =
    [
        null, "https://www.google.com/", "https://www.instagram.com/", "https://mail.example.com/newsletter",
        "https://ads.example.net/click", "https://deals.partner.example.org/",
    ];

    private static readonly string[] Carriers = ["DHL", "UPS", "FedEx", "USPS", "DPD"];
    private static readonly string[] AdjustmentReasons = ["damaged", "shrinkage", "recount", "returned"];
    private static readonly int[] WarehouseOffsetMinutes = [-300, 60, 540];

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly Catalog _catalog;
    private readonly CountryInfo[] _countries;
    private readonly string[] _warehouses;
    private readonly string[] _suppliers;
    private readonly int _seed;

    public RecordWriter(int seed, Catalog catalog, CountryInfo[] countries, int warehouses)
    {
        _seed = seed;
        _catalog = catalog;
        _countries = countries;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _warehouses = new string[warehouses];
        for (var w = 0; w < warehouses; w++)
        {
            _warehouses[w] = "WH-" + (w + 1).ToString(CultureInfo.InvariantCulture);
        }

        _suppliers = new string[Catalog.Suppliers];
        for (var s = 0; s < _suppliers.Length; s++)
        {
            _suppliers[s] = "SUP-" + (s + 1).ToString("D2", CultureInfo.InvariantCulture);
        }
    }

    public static int CarrierCount => Carriers.Length;

    public static int AdjustmentReasonCount => AdjustmentReasons.Length;

    public static string CarrierName(int carrier) => Carriers[carrier];

    public string WarehouseName(int warehouse) => _warehouses[warehouse];

    public string SupplierName(int supplier) => _suppliers[supplier];

    public void Dispose() => _json.Dispose();

    /// <summary>The record's JSON value; <paramref name="sequence"/> numbers the record within the run (event_id).</summary>
    public byte[] Write(in PendingEvent e, long sequence)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        Span<byte> id = stackalloc byte[48];
        var n = FormatId(id, "e"u8, (uint)_seed);
        id[n++] = (byte)'-';
        sequence.TryFormat(id[n..], out var m, default, CultureInfo.InvariantCulture);
        _json.WriteString("event_id"u8, id[..(n + m)]);
        _json.WriteString("type"u8, TypeName(e.Kind));
        switch (e.Kind)
        {
            case SimKind.Payment or SimKind.Refund or SimKind.Chargeback:
                WriteTime("ts"u8, e.TimeMs, e.Iso, _countries[e.Country].OffsetMinutes);
                WriteTransaction(e);
                break;
            case >= SimKind.StockSnapshot:
                WriteTime("ts"u8, e.TimeMs, e.Iso, WarehouseOffsetMinutes[e.Warehouse % 3]);
                WriteInventory(e);
                break;
            default:
                WriteTime("ts"u8, e.TimeMs, e.Iso, _countries[e.Country].OffsetMinutes);
                WriteClick(e);
                break;
        }

        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    /// <summary>The Kafka key: user_id for clickstream and transactions, sku for stock events, shipment_id for shipments.</summary>
    public byte[] Key(in PendingEvent e)
    {
        Span<byte> id = stackalloc byte[24];
        return e.Kind switch
        {
            SimKind.ShipmentDispatched or SimKind.ShipmentDelivered => id[..FormatId(id, "sh"u8, e.Shipment)].ToArray(),
            >= SimKind.StockSnapshot => System.Text.Encoding.UTF8.GetBytes(_catalog.Skus[e.Sku]),
            _ => id[..FormatId(id, "u"u8, e.User)].ToArray(),
        };
    }

    /// <summary>The txn_id string of a payment (for the ground truth's fraud set).</summary>
    public static string TxnId(long txn) => "t" + txn.ToString(CultureInfo.InvariantCulture);

    public static string TypeName(SimKind kind) => kind switch
    {
        SimKind.PageView => "page_view",
        SimKind.Search => "search",
        SimKind.ProductView => "product_view",
        SimKind.AddToCart => "add_to_cart",
        SimKind.RemoveFromCart => "remove_from_cart",
        SimKind.CheckoutStart => "checkout_start",
        SimKind.Purchase => "purchase",
        SimKind.Payment => "payment",
        SimKind.Refund => "refund",
        SimKind.Chargeback => "chargeback",
        SimKind.StockSnapshot => "stock_snapshot",
        SimKind.PurchaseOrder => "purchase_order",
        SimKind.Receipt => "receipt",
        SimKind.Adjustment => "adjustment",
        SimKind.ShipmentDispatched => "shipment_dispatched",
        SimKind.ShipmentDelivered => "shipment_delivered",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a record kind"),
    };

    private static int FormatId(Span<byte> dest, ReadOnlySpan<byte> prefix, long number)
    {
        prefix.CopyTo(dest);
        number.TryFormat(dest[prefix.Length..], out var written, default, CultureInfo.InvariantCulture);
        return prefix.Length + written;
    }

    private void WriteId(ReadOnlySpan<byte> name, ReadOnlySpan<byte> prefix, long number)
    {
        Span<byte> id = stackalloc byte[24];
        _json.WriteString(name, id[..FormatId(id, prefix, number)]);
    }

    private void WriteIp(ReadOnlySpan<byte> name, uint ip)
    {
        Span<byte> text = stackalloc byte[16];
        var n = 0;
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            ((ip >> shift) & 0xFF).TryFormat(text[n..], out var w, default, CultureInfo.InvariantCulture);
            n += w;
            if (shift > 0)
            {
                text[n++] = (byte)'.';
            }
        }

        _json.WriteString(name, text[..n]);
    }

    private void WriteTime(ReadOnlySpan<byte> name, long ms, bool iso, int offsetMinutes)
    {
        if (!iso)
        {
            _json.WriteNumber(name, ms);
            return;
        }

        Span<byte> text = stackalloc byte[40];
        var time = DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
        time.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        _json.WriteString(name, text[..written]);
    }

    private void WriteMoney(ReadOnlySpan<byte> name, long cents) => _json.WriteNumber(name, cents / 100m);
}
