using System.Globalization;
using StreamEngine.Core.Features;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Inventory;

namespace StreamEngine.Host.Http;

/// <summary>
/// What the status page shows besides metrics: top products now, recent high-risk payments, SKUs below their reorder
/// point. Features record results on the consume thread (once per window result or decision, never per raw event);
/// the HTTP thread reads snapshots. Everything is bounded and guarded by one lock.
/// </summary>
public sealed class StatusBoard
{
    /// <summary>How many review/decline payments are kept.</summary>
    public const int RiskyPaymentCapacity = 20;

    /// <summary>How many (SKU, warehouse) pairs below their reorder point are kept (the most recent crossings).</summary>
    public const int StockAlertCapacity = 50;

    private readonly Lock _gate = new();
    private readonly TopProductsTracker _products = new();
    private readonly RiskyPayment?[] _risky = new RiskyPayment?[RiskyPaymentCapacity];
    private readonly Dictionary<(string Sku, string Warehouse), StockAlert> _belowReorderPoint = [];
    private int _riskyNext;
    private long _riskyTotal;

    /// <summary>Feeds a product-activity row; only per-SKU minute windows count (the caller passes the minute size).</summary>
    public void RecordProductActivity(in ProductActivityRow row, long minuteWindowMs)
    {
        if (row.Dimension != ActivityDimension.Sku || row.WindowSizeMs != minuteWindowMs)
        {
            return;
        }

        lock (_gate)
        {
            _products.Add(row);
        }
    }

    /// <summary>
    /// Remembers a payment scored review or decline (approvals are ignored); keeps the newest 20. The fraud feature
    /// calls it once per scored payment: <c>outputs.Status.RecordRiskyPayment(score);</c>
    /// </summary>
    public void RecordRiskyPayment(in FraudScore score)
    {
        if (score.Decision == FraudDecision.Approve)
        {
            return;
        }

        var reasons = new List<string>(3);
        foreach (var reason in (ReadOnlySpan<FraudReason>)[score.Reason1, score.Reason2, score.Reason3])
        {
            if (reason != FraudReason.None)
            {
                reasons.Add(FraudReasonCodes.Code(reason));
            }
        }

        var entry = new RiskyPayment(
            score.TxnId,
            score.UserId.ToString("x16", CultureInfo.InvariantCulture),
            score.TimeMs,
            score.AmountCents,
            score.Currency,
            score.Score,
            score.Decision == FraudDecision.Decline ? "decline" : "review",
            reasons);
        lock (_gate)
        {
            _risky[_riskyNext] = entry;
            _riskyNext = (_riskyNext + 1) % RiskyPaymentCapacity;
            _riskyTotal++;
        }
    }

    /// <summary>
    /// Remembers that a SKU in a warehouse fell to or below its reorder point (the latest crossing wins). The
    /// safety-stock feature calls it once per replenishment signal: <c>outputs.Status.RecordBelowReorderPoint(signal);</c>
    /// </summary>
    public void RecordBelowReorderPoint(in ReplenishmentSignal signal)
    {
        var alert = new StockAlert(signal.Sku, signal.Warehouse, signal.TimeMs, signal.OnHand, signal.OnOrder, signal.ReorderPoint, signal.SuggestedQuantity);
        lock (_gate)
        {
            _belowReorderPoint[(signal.Sku, signal.Warehouse)] = alert;
            if (_belowReorderPoint.Count > StockAlertCapacity)
            {
                var oldest = _belowReorderPoint.MinBy(kv => kv.Value.TimeMs).Key;
                _belowReorderPoint.Remove(oldest);
            }
        }
    }

    /// <summary>Forgets a SKU in a warehouse once its stock position is back above the reorder point.</summary>
    public void ClearBelowReorderPoint(string sku, string warehouse)
    {
        lock (_gate)
        {
            _belowReorderPoint.Remove((sku, warehouse));
        }
    }

    /// <summary>The top products over the recent minute windows.</summary>
    public TopProductsView TopProducts(int count = 10)
    {
        lock (_gate)
        {
            return _products.Top(count);
        }
    }

    /// <summary>The recent review/decline payments, newest first, and how many were recorded in total.</summary>
    public (IReadOnlyList<RiskyPayment> Recent, long Total) RiskyPayments()
    {
        lock (_gate)
        {
            var recent = new List<RiskyPayment>(RiskyPaymentCapacity);
            for (int i = 1; i <= RiskyPaymentCapacity; i++)
            {
                if (_risky[(_riskyNext - i + RiskyPaymentCapacity) % RiskyPaymentCapacity] is { } entry)
                {
                    recent.Add(entry);
                }
            }

            return (recent, _riskyTotal);
        }
    }

    /// <summary>The SKUs currently known below their reorder point, newest crossing first.</summary>
    public IReadOnlyList<StockAlert> BelowReorderPoint()
    {
        lock (_gate)
        {
            return [.. _belowReorderPoint.Values.OrderByDescending(a => a.TimeMs)];
        }
    }
}
