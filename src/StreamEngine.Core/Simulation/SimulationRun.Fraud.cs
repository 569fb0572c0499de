namespace StreamEngine.Core.Simulation;

/// <summary>
/// Labelled fraud scenarios, started whenever the fraud share of scheduled payments falls below FraudRate: card
/// testing, account takeover, high-value first purchase of a new account, impossible travel. Demand of products
/// (including the optional demand step) is chosen here too.
/// </summary>
internal sealed partial class SimulationRun
{
    private long _payments;
    private long _fraudPayments;
    private bool _inFraud;
    private long _stepMs = long.MaxValue;
    private double _stepBoost;

    private void InitFraud()
    {
        if (_options.DemandStep is { } step)
        {
            _stepMs = step.At.ToUnixTimeMilliseconds();
            // Choosing the SKU directly with probability q makes its share f*b: q + (1-q)b = f*b.
            var b = _catalog.BaseShare(step.SkuIndex);
            _stepBoost = step.Factor >= 1 ? Math.Min(0.9, (step.Factor - 1) * b / (1 - b)) : 0;
        }
    }

    private int PickSku(int category, long t)
    {
        if (t >= _stepMs)
        {
            var step = _options.DemandStep!;
            if (_rng.NextDouble() < _stepBoost)
            {
                return step.SkuIndex;
            }

            var picked = _catalog.PickSku(_rng, category, t);
            // A factor below 1 thins out views of the SKU instead.
            return picked == step.SkuIndex && step.Factor < 1 && _rng.NextDouble() >= step.Factor
                ? _catalog.PickSku(_rng, (category + 1) % _catalog.Categories.Length, t)
                : picked;
        }

        return _catalog.PickSku(_rng, category, t);
    }

    /// <summary>The dearest of a few electronics picks: what fraudsters and big spenders put in the cart.</summary>
    private int ExpensiveSku(long t)
    {
        var best = _catalog.PickSku(_rng, 0, t);
        for (var i = 0; i < 3; i++)
        {
            var other = _catalog.PickSku(_rng, 0, t);
            if (_catalog.BasePriceCents[other] > _catalog.BasePriceCents[best])
            {
                best = other;
            }
        }

        return best;
    }

    private void MaybeFraud(long t)
    {
        if (_inFraud || _options.FraudRate <= 0)
        {
            return;
        }

        _inFraud = true;
        while (_fraudPayments < _options.FraudRate * _payments)
        {
            var at = t + 60_000 + _rng.Next(1_800_000);
            var r = _rng.NextDouble();
            if (r < 0.25)
            {
                CardTesting(at);
            }
            else if (r < 0.55)
            {
                AccountTakeover(at);
            }
            else if (r < 0.75)
            {
                NewAccountHighValue(at);
            }
            else
            {
                ImpossibleTravel(at);
            }
        }

        _inFraud = false;
    }

    /// <summary>A bot tries many stolen cards for small amounts from one device and IP; most are declined.</summary>
    private void CardTesting(long t)
    {
        var country = _users.PickCountry(_rng);
        var user = _users.AddNew(_rng, country);
        var v = new Visit
        {
            User = user,
            Device = _users[user].DeviceBase,
            Ip = _users.IpIn(country, (uint)_rng.Next()),
            Country = country,
            Currency = country,
            Billing = country,
            Shipping = country,
            Fraud = FraudPattern.CardTesting,
            Lat = _countries[country].Lat,
            Lon = _countries[country].Lon,
        };
        for (var i = 6 + _rng.Next(15); i > 0; i--)
        {
            t += 2_000 + _rng.Next(25_000);
            v.Card = _users.NewCard();
            v.Billing = (byte)_rng.Next(_countries.Length);
            var amount = 50 + _rng.Next(450);
            OrderLine[] lines = [new(_rng.Next(_catalog.Skus.Length), 1, amount)];
            var declined = _rng.NextDouble() < 0.7;
            var txn = Payment(v, t, ++_orderSeq, lines, amount, declined);
            var labelAt = t + DayMs + _rng.NextInt64(4 * DayMs);
            if (!declined && labelAt <= _endMs)
            {
                txn.Kind = SimKind.Chargeback;
                txn.TimeMs = labelAt;
                txn.Lines = null;
                Schedule(txn);
            }
        }
    }

    /// <summary>An existing account used from a new device in another country, shipping dear goods there.</summary>
    private void AccountTakeover(long t)
    {
        var victim = _users.PickActive(_rng);
        var v = RegularVisit(victim);
        var far = FarCountry(v.Country);
        v.Device = _users.NewDevice();
        v.Ip = _users.IpIn(far, (uint)_rng.Next());
        v.Country = far;
        v.Shipping = far;
        v.Channel = 0;
        v.Lat = _countries[far].Lat + _rng.NextDouble() - 0.5;
        v.Lon = _countries[far].Lon + _rng.NextDouble() - 0.5;
        v.Fraud = FraudPattern.AccountTakeover;
        Browse(ref v, t, Goal.BuyHighValue);
    }

    /// <summary>A brand-new account whose first purchase is unusually large.</summary>
    private void NewAccountHighValue(long t)
    {
        var user = _users.AddNew(_rng, _users.PickCountry(_rng));
        var v = RegularVisit(user);
        v.Fraud = FraudPattern.NewAccountHighValue;
        Browse(ref v, t, Goal.BuyHighValue);
    }

    /// <summary>A genuine purchase at home, then minutes later one with the same card from the other side of the world.</summary>
    private void ImpossibleTravel(long t)
    {
        var victim = _users.PickActive(_rng);
        var home = RegularVisit(victim);
        home.Locate = true;
        var paidAt = Browse(ref home, t, Goal.Buy);
        var thief = RegularVisit(victim);
        var far = FarCountry(home.Country);
        thief.Card = home.Card;
        thief.Device = _users.NewDevice();
        thief.Ip = _users.IpIn(far, (uint)_rng.Next());
        thief.Country = far;
        thief.Shipping = far;
        thief.Lat = _countries[far].Lat + _rng.NextDouble() - 0.5;
        thief.Lon = _countries[far].Lon + _rng.NextDouble() - 0.5;
        thief.Locate = true;
        thief.Fraud = FraudPattern.ImpossibleTravel;
        Browse(ref thief, Math.Max(paidAt, t) + 120_000 + _rng.Next(600_000), Goal.Buy);
    }

    /// <summary>The shop country farthest from the given one.</summary>
    private byte FarCountry(byte from)
    {
        var a = _countries[from];
        byte best = (byte)((from + 1) % _countries.Length);
        var bestKm = 0.0;
        for (var i = 0; i < _countries.Length; i++)
        {
            var km = CountryTable.DistanceKm(a.Lat, a.Lon, _countries[i].Lat, _countries[i].Lon);
            if (km > bestKm)
            {
                bestKm = km;
                best = (byte)i;
            }
        }

        return best;
    }
}
