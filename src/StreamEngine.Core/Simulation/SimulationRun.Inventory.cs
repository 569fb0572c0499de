namespace StreamEngine.Core.Simulation;

/// <summary>
/// Stock per (sku, warehouse): daily snapshots, adjustments, shipments that draw stock down, and reorders (purchase
/// order now, receipt after the supplier's lead time) when stock plus open orders fall below the reorder point.
/// </summary>
internal sealed partial class SimulationRun
{
    // Late-delivery probability per carrier (DHL, UPS, FedEx, USPS, DPD).
    private static readonly double[] CarrierLateRate = [0.08, 0.06, 0.07, 0.12, 0.10];
    private static readonly byte[][] CarriersByRegion = [[1, 2, 3], [0, 4, 1], [0, 2]];

    private int[] _onHand = [];
    private int[] _onOrder = [];
    private int[] _reorderPoint = [];
    private int[] _orderQuantity = [];
    private long _poSeq;
    private long _shipmentSeq;

    private int Warehouses => _options.Warehouses;

    private static double LeadMeanDays(int supplier) => 5 + (supplier * 5.0 / (Catalog.Suppliers - 1));

    private static double LeadSdDays(int supplier) => 1 + ((supplier % 3) * 0.75);

    private void InitInventory()
    {
        var n = _options.Products * Warehouses;
        _onHand = new int[n];
        _onOrder = new int[n];
        _reorderPoint = new int[n];
        _orderQuantity = new int[n];
        // About 7% of session-driven records are purchase lines of ~1.3 units; spread by popularity and warehouse.
        var unitsPerDay = 0.09 * _targetRecordsPerMs * DayMs;
        for (var sku = 0; sku < _options.Products; sku++)
        {
            var daily = unitsPerDay * _catalog.BaseShare(sku) / Warehouses;
            var lead = LeadMeanDays(_catalog.SupplierOf[sku]);
            for (var w = 0; w < Warehouses; w++)
            {
                var i = (sku * Warehouses) + w;
                _reorderPoint[i] = (int)Math.Ceiling(daily * (lead + 3)) + 2;
                _orderQuantity[i] = (int)Math.Ceiling(daily * 14) + 5;
                // Start somewhere between the reorder point and ten days above it, so reorders start early and spread out.
                _onHand[i] = _reorderPoint[i] + (int)(daily * 10 * _rng.NextDouble()) + _rng.Next(5);
            }
        }
    }

    /// <summary>Schedules the day's stock snapshots (spread over its first hour), adjustments and the next day.</summary>
    private void StartDay(long dayStart)
    {
        var n = _onHand.Length;
        for (var i = 0; i < n; i++)
        {
            Schedule(new PendingEvent
            {
                Kind = SimKind.StockSnapshot,
                TimeMs = dayStart + (i * HourMs / n),
                Sku = i / Warehouses,
                Warehouse = (byte)(i % Warehouses),
            });
        }

        for (var k = Math.Max(1, n / 100); k > 0; k--)
        {
            var reason = (byte)_rng.Next(RecordWriter.AdjustmentReasonCount);
            var delta = reason switch
            {
                0 => -1 - _rng.Next(3),
                1 => -1 - _rng.Next(2),
                2 => (_rng.Next(2) == 0 ? -1 : 1) * (1 + _rng.Next(4)),
                _ => 1 + _rng.Next(2),
            };
            var i = _rng.Next(n);
            Schedule(new PendingEvent
            {
                Kind = SimKind.Adjustment,
                TimeMs = dayStart + _rng.NextInt64(DayMs),
                Sku = i / Warehouses,
                Warehouse = (byte)(i % Warehouses),
                Reason = reason,
                Value = delta,
            });
        }

        Schedule(new PendingEvent { Kind = SimKind.DayTick, TimeMs = dayStart + DayMs });
    }

    /// <summary>Applies a stock record to the levels at its event time (the schedule is drained in time order).</summary>
    private void ApplyStock(ref PendingEvent e)
    {
        var i = (e.Sku * Warehouses) + e.Warehouse;
        switch (e.Kind)
        {
            case SimKind.StockSnapshot:
                e.Value = _onHand[i];
                break;
            case SimKind.Adjustment:
                // Stock never goes negative; a shrinkage that finds nothing left becomes a recount of +1.
                e.Value = _onHand[i] + e.Value >= 0 ? e.Value : (_onHand[i] > 0 ? -_onHand[i] : 1);
                _onHand[i] += e.Value;
                break;
            case SimKind.Receipt:
                _onHand[i] += e.Value;
                _onOrder[i] -= e.Value;
                break;
            case SimKind.ShipmentDispatched:
                foreach (var line in e.Lines!)
                {
                    var j = (line.Sku * Warehouses) + e.Warehouse;
                    _onHand[j] = Math.Max(0, _onHand[j] - line.Quantity);
                    Reorder(line.Sku, e.Warehouse, e.TimeMs);
                }

                break;
            default:
                break;
        }
    }

    private void Reorder(int sku, byte warehouse, long t)
    {
        var i = (sku * Warehouses) + warehouse;
        if (_onHand[i] + _onOrder[i] >= _reorderPoint[i])
        {
            return;
        }

        var supplier = _catalog.SupplierOf[sku];
        var quantity = _orderQuantity[i];
        _onOrder[i] += quantity;
        var leadDays = Math.Max(1, LeadMeanDays(supplier) + (LeadSdDays(supplier) * Catalog.Gaussian(_rng)));
        var po = new PendingEvent
        {
            Kind = SimKind.PurchaseOrder,
            TimeMs = t + 1,
            Sku = sku,
            Warehouse = warehouse,
            Supplier = supplier,
            Value = quantity,
            Po = ++_poSeq,
            OrderedAtMs = t + 1,
            ExpectedAtMs = t + 1 + (long)(LeadMeanDays(supplier) * DayMs),
        };
        Schedule(po);
        po.Kind = SimKind.Receipt;
        po.TimeMs = t + 1 + (long)(leadDays * DayMs);
        Schedule(po);
    }

    /// <summary>Dispatch from the destination region's warehouse, delivery after the carrier's transit time (some late).</summary>
    private void Ship(long order, OrderLine[] lines, byte destination, long paidAt)
    {
        var region = _countries[destination].Region;
        var warehouse = (byte)(region % Warehouses);
        var carriers = CarriersByRegion[region];
        var carrier = carriers[_rng.Next(carriers.Length)];
        var dispatchedAt = paidAt + (2 * HourMs) + _rng.NextInt64(28 * HourMs);
        var domestic = warehouse % 3 == region;
        var promisedDays = domestic ? 2 + _rng.Next(2) : 5 + _rng.Next(3);
        var promisedAt = dispatchedAt + (promisedDays * DayMs);
        var late = _rng.NextDouble() < CarrierLateRate[carrier];
        var deliveredAt = late
            ? promisedAt + (long)((0.3 + (_rng.NextDouble() * 2.7)) * DayMs)
            : dispatchedAt + (long)((0.4 + (_rng.NextDouble() * 0.55)) * promisedDays * DayMs);
        var e = new PendingEvent
        {
            Kind = SimKind.ShipmentDispatched,
            TimeMs = dispatchedAt,
            Shipment = ++_shipmentSeq,
            Order = order,
            Lines = lines,
            Warehouse = warehouse,
            Carrier = carrier,
            Country = destination,
            DispatchedAtMs = dispatchedAt,
            PromisedAtMs = promisedAt,
        };
        Schedule(e);
        e.Kind = SimKind.ShipmentDelivered;
        e.TimeMs = deliveredAt;
        Schedule(e);
    }
}
