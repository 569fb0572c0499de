namespace StreamEngine.Core.Simulation;

/// <summary>Shopping sessions: browsing, searching, carts, checkout, payment and purchase events.</summary>
internal sealed partial class SimulationRun
{
    private static readonly double[] ChannelCdf = [0.30, 0.55, 0.67, 0.77, 0.92, 1.0];

    private readonly List<OrderLine> _cart = [];
    private long _sessionSeq;
    private long _orderSeq;
    private long _txnSeq;

    private enum Goal : byte
    {
        Browse,
        Buy,
        BuyHighValue,
    }

    private void StartSession(long t)
    {
        var user = _users.PickActive(_rng);
        var visit = RegularVisit(user);
        Browse(ref visit, t, Goal.Browse);
    }

    private Visit RegularVisit(int user)
    {
        var p = _users[user];
        return new Visit
        {
            User = user,
            Session = ++_sessionSeq,
            Device = p.DeviceBase + _rng.Next(p.DeviceCount),
            Ip = _users.IpOf(user, _rng.Next(p.IpCount)),
            Country = p.Home,
            Channel = (byte)Catalog.SampleCdf(ChannelCdf, _rng.NextDouble()),
            Card = p.CardBase + _rng.Next(p.CardCount),
            Currency = p.Home,
            Billing = p.Home,
            Shipping = p.Home,
            Lat = p.Lat + ((_rng.NextDouble() - 0.5) * 0.1),
            Lon = p.Lon + ((_rng.NextDouble() - 0.5) * 0.1),
        };
    }

    /// <summary>Schedules one session's clickstream from <paramref name="t"/>; returns the purchase time, or -1.</summary>
    private long Browse(ref Visit v, long t, Goal goal)
    {
        Click(v, SimKind.PageView, t);
        _cart.Clear();
        var steps = goal == Goal.Browse ? 1 + (int)(-Math.Log(1 - _rng.NextDouble()) * 3) : 2 + _rng.Next(3);
        var category = _catalog.PickCategory(_rng);
        for (var i = 0; i < steps; i++)
        {
            t += Gap(20_000);
            var r = _rng.NextDouble();
            if (r < 0.14)
            {
                category = _catalog.PickCategory(_rng);
                var search = NewClick(v, SimKind.Search, t);
                search.Query = (category * Catalog.QueriesPerCategory) + _rng.Next(Catalog.QueriesPerCategory);
                search.Category = _rng.NextDouble() < 0.7 ? category : -1;
                Schedule(search);
            }
            else if (r < 0.24)
            {
                Click(v, SimKind.PageView, t);
            }
            else
            {
                if (_rng.NextDouble() < 0.3)
                {
                    category = _catalog.PickCategory(_rng);
                }

                var sku = PickSku(category, t);
                ProductClick(v, SimKind.ProductView, t, sku, 1);
                if (goal != Goal.Browse || _rng.NextDouble() < 0.45)
                {
                    t += Gap(8_000);
                    AddToCart(v, t, sku, _rng.NextDouble() < 0.8 ? 1 : 2 + _rng.Next(2));
                }
                else if (_cart.Count > 0 && _rng.NextDouble() < 0.08)
                {
                    t += Gap(5_000);
                    var index = _rng.Next(_cart.Count);
                    var line = _cart[index];
                    _cart.RemoveAt(index);
                    ProductClick(v, SimKind.RemoveFromCart, t, line.Sku, line.Quantity);
                }
            }
        }

        if (goal == Goal.Buy && _cart.Count == 0)
        {
            t += Gap(10_000);
            var sku = PickSku(category, t);
            ProductClick(v, SimKind.ProductView, t, sku, 1);
            AddToCart(v, t + 3_000, sku, 1);
            t += 3_000;
        }

        if (goal == Goal.BuyHighValue)
        {
            for (var i = 1 + _rng.Next(3); i > 0; i--)
            {
                t += Gap(10_000);
                var sku = ExpensiveSku(t);
                ProductClick(v, SimKind.ProductView, t, sku, 1);
                AddToCart(v, t + 2_000 + _rng.Next(10_000), sku, 2 + _rng.Next(3));
                t += 12_000;
            }
        }

        if (_cart.Count == 0 || (goal == Goal.Browse && _rng.NextDouble() >= 0.85))
        {
            return -1;
        }

        t += Gap(15_000);
        var checkout = NewClick(v, SimKind.CheckoutStart, t);
        checkout.AmountCents = CartValue();
        Schedule(checkout);
        if (goal == Goal.Browse && _rng.NextDouble() >= 0.85)
        {
            return -1;
        }

        return Checkout(ref v, t + 3_000 + _rng.Next(30_000), goal != Goal.Browse);
    }

    /// <summary>Payment (sometimes declined first, then retried), purchase lines, shipment, later refund or chargeback.</summary>
    private long Checkout(ref Visit v, long t, bool mustComplete)
    {
        var lines = _cart.ToArray();
        var amount = CartValue();
        var order = ++_orderSeq;
        if (!v.IsFraud && _rng.NextDouble() < 0.06)
        {
            Payment(v, t, order, lines, amount, declined: true);
            if (!mustComplete && _rng.NextDouble() < 0.2)
            {
                return -1;
            }

            t += 20_000 + _rng.Next(100_000);
            var p = _users[v.User];
            v.Card = p.CardBase + _rng.Next(p.CardCount);
        }

        var txn = Payment(v, t, order, lines, amount, declined: false);
        for (var i = 0; i < lines.Length; i++)
        {
            var purchase = NewClick(v, SimKind.Purchase, t + 400 + (i * 7));
            purchase.Sku = lines[i].Sku;
            purchase.Quantity = lines[i].Quantity;
            purchase.PriceCents = lines[i].PriceCents;
            purchase.Order = order;
            Schedule(purchase);
        }

        Ship(order, lines, v.Shipping, t);
        var labelAt = v.IsFraud ? t + DayMs + _rng.NextInt64(4 * DayMs) : t + DayMs + _rng.NextInt64(9 * DayMs);
        if (labelAt <= _endMs && (v.IsFraud || _rng.NextDouble() < 0.03))
        {
            var label = txn;
            label.Kind = v.IsFraud ? SimKind.Chargeback : SimKind.Refund;
            label.TimeMs = labelAt;
            label.Lines = null;
            label.AmountCents = v.IsFraud || _rng.NextDouble() < 0.7 ? amount : Math.Max(1, amount / 2);
            Schedule(label);
        }

        if (!v.IsFraud)
        {
            MaybeFraud(t);
        }

        return t;
    }

    private PendingEvent Payment(in Visit v, long t, long order, OrderLine[] lines, long amount, bool declined)
    {
        var locate = v.Locate || _rng.NextDouble() < 0.6;
        var e = new PendingEvent
        {
            Kind = SimKind.Payment,
            TimeMs = t,
            Fraud = v.Fraud,
            Declined = declined,
            User = v.User,
            Session = v.Session,
            Device = v.Device,
            Ip = v.Ip,
            Country = v.Country,
            Currency = v.Currency,
            BillingCountry = v.Billing,
            ShippingCountry = v.Shipping,
            Txn = ++_txnSeq,
            Order = order,
            Card = v.Card,
            AmountCents = amount,
            Lines = lines,
            Lat = locate ? Math.Round(v.Lat, 4) : double.NaN,
            Lon = locate ? Math.Round(v.Lon, 4) : double.NaN,
        };
        Schedule(e);
        _payments++;
        if (v.IsFraud)
        {
            _fraudPayments++;
        }

        return e;
    }

    private void AddToCart(in Visit v, long t, int sku, int quantity)
    {
        ProductClick(v, SimKind.AddToCart, t, sku, quantity);
        var price = _catalog.LocalPrice(sku, v.Currency);
        for (var i = 0; i < _cart.Count; i++)
        {
            if (_cart[i].Sku == sku)
            {
                _cart[i] = _cart[i] with { Quantity = _cart[i].Quantity + quantity };
                return;
            }
        }

        _cart.Add(new OrderLine(sku, quantity, price));
    }

    private long CartValue()
    {
        long sum = 0;
        foreach (var line in _cart)
        {
            sum += line.PriceCents * line.Quantity;
        }

        return sum;
    }

    private void ProductClick(in Visit v, SimKind kind, long t, int sku, int quantity)
    {
        var e = NewClick(v, kind, t);
        e.Sku = sku;
        e.Quantity = quantity;
        e.PriceCents = _catalog.LocalPrice(sku, v.Currency);
        Schedule(e);
    }

    private void Click(in Visit v, SimKind kind, long t) => Schedule(NewClick(v, kind, t));

    private static PendingEvent NewClick(in Visit v, SimKind kind, long t) => new()
    {
        Kind = kind,
        TimeMs = t,
        User = v.User,
        Session = v.Session,
        Device = v.Device,
        Ip = v.Ip,
        Country = v.Country,
        Channel = v.Channel,
        Currency = v.Currency,
        Category = -1,
    };
}
