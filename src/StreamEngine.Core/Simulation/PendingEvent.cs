namespace StreamEngine.Core.Simulation;

/// <summary>One order line inside the simulator (prices in minor units of the order's currency).</summary>
internal readonly record struct OrderLine(int Sku, int Quantity, long PriceCents);

/// <summary>
/// A scheduled step: everything needed to write one record later, as plain numbers (ids are formatted only when the
/// record is written). Fields not used by <see cref="Kind"/> stay default.
/// </summary>
internal struct PendingEvent
{
    public long TimeMs;
    public SimKind Kind;
    public bool Iso;
    public FraudPattern Fraud;
    public bool Declined;
    public int User;
    public long Session;
    public long Device;
    public uint Ip;
    public byte Country;
    public byte Channel;
    public byte Currency;
    public byte BillingCountry;
    public byte ShippingCountry;
    public int Sku;
    public int Quantity;
    public long PriceCents;
    public long Order;
    public long Txn;
    public long Card;
    public long AmountCents;
    public OrderLine[]? Lines;
    public double Lat;
    public double Lon;
    public int Query;
    public int Category;
    public byte Warehouse;
    public byte Supplier;
    public byte Carrier;
    public byte Reason;
    public long Po;
    public long OrderedAtMs;
    public long ExpectedAtMs;
    public long Shipment;
    public long DispatchedAtMs;
    public long PromisedAtMs;
    public int Value;
}
