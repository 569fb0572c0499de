using System.Runtime.InteropServices;

namespace StreamEngine.Core.Simulation;

/// <summary>
/// Exact counts of what a <see cref="StorefrontSimulator"/> run has emitted so far: it is updated as each record is
/// yielded, so after a full enumeration it describes exactly the records the consumer received. Countries are the
/// clickstream "country" field; days are UTC days of the event time. Not thread-safe; read it on the enumerating
/// thread or after enumeration.
/// </summary>
public sealed class GroundTruth
{
    private readonly Dictionary<string, long> _recordsByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _eventsByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _unitsByCurrency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _revenueByCurrency = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Sku, string Country), SkuCountryCounts> _bySkuCountry = [];
    private readonly Dictionary<(string Sku, DateOnly Day), long> _unitsBySkuDay = [];
    private readonly List<PurchaseLine> _purchaseLines = [];
    private readonly HashSet<string> _fraudTxnIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FraudPattern> _fraudPatterns = new(StringComparer.Ordinal);
    private readonly HashSet<long> _sessions = [];
    private readonly HashSet<long> _orders = [];

    private readonly bool _countsOnly;
    private long _fraudPayments;

    /// <summary>An empty ground truth that records everything.</summary>
    public GroundTruth()
    {
    }

    /// <summary>
    /// With <paramref name="countsOnly"/>, keeps only counts whose size does not grow with the run (records per topic
    /// and type, payments, units and revenue per currency, per SKU and country); sessions, orders, fraud txn ids and
    /// units per SKU and day stay empty. For continuous runs.
    /// </summary>
    internal GroundTruth(bool countsOnly) => _countsOnly = countsOnly;

    /// <summary>Records emitted over all topics.</summary>
    public long TotalRecords { get; private set; }

    /// <summary>Records per topic name.</summary>
    public IReadOnlyDictionary<string, long> RecordsByTopic => _recordsByTopic;

    /// <summary>Records per "type" value (page_view ... purchase, payment, refund, chargeback, stock_snapshot ...).</summary>
    public IReadOnlyDictionary<string, long> EventsByType => _eventsByType;

    /// <summary>Payments with status "authorized".</summary>
    public long PaymentsAuthorized { get; private set; }

    /// <summary>Payments with status "declined".</summary>
    public long PaymentsDeclined { get; private set; }

    /// <summary>Sum of quantity over purchase events, per currency.</summary>
    public IReadOnlyDictionary<string, long> PurchasedUnitsByCurrency => _unitsByCurrency;

    /// <summary>Sum of price (minor units) times quantity over purchase events, per currency.</summary>
    public IReadOnlyDictionary<string, long> RevenueMinorByCurrency => _revenueByCurrency;

    /// <summary>Every purchase event in emission order, for revenue converted the way the engine converts it: per line.</summary>
    public IReadOnlyList<PurchaseLine> PurchaseLines => _purchaseLines;

    /// <summary>product_view, add_to_cart and purchase counts per (sku, country).</summary>
    public IReadOnlyDictionary<(string Sku, string Country), SkuCountryCounts> BySkuCountry => _bySkuCountry;

    /// <summary>Units in purchase events per (sku, UTC day of ts).</summary>
    public IReadOnlyDictionary<(string Sku, DateOnly Day), long> UnitsSoldBySkuDay => _unitsBySkuDay;

    /// <summary>Payment events (authorized or declined) produced by a fraud scenario.</summary>
    public long FraudPayments => _fraudPayments;

    /// <summary>txn_id of every emitted fraud payment.</summary>
    public IReadOnlySet<string> FraudTxnIds => _fraudTxnIds;

    /// <summary>The scenario that produced each emitted fraud payment, by txn_id (legitimate payments are absent).</summary>
    public IReadOnlyDictionary<string, FraudPattern> FraudPatternByTxnId => _fraudPatterns;

    /// <summary>Distinct session_id values seen on clickstream records.</summary>
    public long Sessions => _sessions.Count;

    /// <summary>Distinct order_id values seen on purchase events.</summary>
    public long Orders => _orders.Count;

    /// <summary>shipment_delivered events whose delivery came after promised_at.</summary>
    public long LateDeliveries { get; private set; }

    internal void CountRecord(string topic, string type)
    {
        TotalRecords++;
        CollectionsMarshal.GetValueRefOrAddDefault(_recordsByTopic, topic, out _)++;
        CollectionsMarshal.GetValueRefOrAddDefault(_eventsByType, type, out _)++;
    }

    internal void CountSession(long session)
    {
        if (!_countsOnly)
        {
            _sessions.Add(session);
        }
    }

    internal void CountSkuCountry(string sku, string country, SimKind kind, int quantity)
    {
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_bySkuCountry, (sku, country), out _);
        switch (kind)
        {
            case SimKind.ProductView:
                counts.ProductViews++;
                break;
            case SimKind.AddToCart:
                counts.AddToCarts++;
                break;
            case SimKind.Purchase:
                counts.Purchases++;
                counts.PurchasedUnits += quantity;
                break;
            default:
                break;
        }
    }

    internal void CountPurchase(string sku, string country, string currency, long order, int quantity, long priceCents, long timeMs)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(_unitsByCurrency, currency, out _) += quantity;
        CollectionsMarshal.GetValueRefOrAddDefault(_revenueByCurrency, currency, out _) += priceCents * quantity;
        if (_countsOnly)
        {
            return;
        }

        _orders.Add(order);
        _purchaseLines.Add(new PurchaseLine(sku, country, currency, priceCents, quantity));
        var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(timeMs).UtcDateTime);
        CollectionsMarshal.GetValueRefOrAddDefault(_unitsBySkuDay, (sku, day), out _) += quantity;
    }

    internal void CountPayment(bool declined, FraudPattern pattern, string? fraudTxnId)
    {
        if (declined)
        {
            PaymentsDeclined++;
        }
        else
        {
            PaymentsAuthorized++;
        }

        if (fraudTxnId is not null && (_countsOnly || _fraudTxnIds.Add(fraudTxnId)))
        {
            _fraudPayments++;
            if (!_countsOnly)
            {
                _fraudPatterns[fraudTxnId] = pattern;
            }
        }
    }

    internal void CountDelivery(bool late)
    {
        if (late)
        {
            LateDeliveries++;
        }
    }
}
