using System.Globalization;
using StreamEngine.Core.Events;

namespace StreamEngine.Core.Tests.Fraud;

/// <summary>
/// Deterministic synthetic payment traffic for fraud tests: normal users (with occasional new devices, trips and
/// declines, and legitimate new accounts) plus four labelled fraud patterns: card-testing bursts, account takeover
/// from a new device and country, high-value first purchases of new accounts, and impossible travel.
/// </summary>
public sealed class SyntheticPayments
{
    private const long MinuteMs = 60_000;
    private const long HourMs = 60 * MinuteMs;
    private const long DayMs = 24 * HourMs;
    private static readonly long StartMs = DateTimeOffset.Parse("2026-10-01T00:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static readonly (string Country, double Lat, double Lon)[] HomeCities =
    [
        ("DE", 52.52, 13.405), ("FR", 48.8566, 2.3522), ("GB", 51.5074, -0.1278), ("ES", 40.4168, -3.7038),
        ("IT", 41.9028, 12.4964), ("NL", 52.3676, 4.9041), ("US", 40.7128, -74.006),
    ];

    private static readonly (string Country, double Lat, double Lon)[] FraudCities =
    [
        ("BR", -23.55, -46.63), ("NG", 6.52, 3.38), ("ID", -6.2, 106.8), ("VN", 10.82, 106.63),
    ];

    private readonly Random _rng;
    private readonly List<PaymentEvent> _events = [];
    private readonly Dictionary<string, bool> _labels = new(StringComparer.Ordinal);
    private int _txn;

    private SyntheticPayments(int seed) => _rng = new Random(seed);

    public IReadOnlyList<PaymentEvent> Events => _events;

    /// <summary>Explicit fraud labels by txn id (every attempt is labelled).</summary>
    public IReadOnlyDictionary<string, bool> Labels => _labels;

    public static SyntheticPayments Generate(int seed = 7, int users = 1500, int days = 30)
    {
        var g = new SyntheticPayments(seed);
        g.Run(users, days);
        g._events.Sort((a, b) => a.TimeMs.CompareTo(b.TimeMs));
        return g;
    }

    private void Run(int userCount, int days)
    {
        var users = new List<User>();
        for (var i = 0; i < userCount; i++)
        {
            users.Add(NewUser(StartMs - (long)(_rng.NextDouble() * 2 * DayMs)));
        }

        var endMs = StartMs + (days * DayMs);
        foreach (var u in users)
        {
            for (var t = u.FirstMs + (long)(_rng.NextDouble() * 3 * DayMs); t < endMs; t += (long)((0.5 + (_rng.NextDouble() * 4)) * DayMs))
            {
                Normal(u, t);
            }
        }

        // Legitimate new accounts: modest first purchases from home.
        for (var i = 0; i < userCount / 5; i++)
        {
            var u = NewUser(StartMs + (long)(_rng.NextDouble() * days * DayMs));
            if (_rng.NextDouble() < 0.1)
            {
                Emit(u.Id, u.Card, u.Device, u.Ip, u.FirstMs, 600 + (_rng.NextDouble() * 1500), u.Country, u.Country, u.Country,
                    double.NaN, double.NaN, declined: false, fraud: false);
            }
            else
            {
                Normal(u, u.FirstMs);
            }
        }

        var fraudStart = StartMs + (3 * DayMs);
        var span = endMs - fraudStart;
        for (var i = 0; i < userCount / 30; i++)
        {
            CardTesting(fraudStart + (long)(_rng.NextDouble() * span));
            AccountTakeover(users[_rng.Next(users.Count)], fraudStart + (long)(_rng.NextDouble() * span));
            NewAccountHighValue(fraudStart + (long)(_rng.NextDouble() * span));
            ImpossibleTravel(users[_rng.Next(users.Count)], fraudStart + (long)(_rng.NextDouble() * span));
        }
    }

    private User NewUser(long firstMs)
    {
        var home = HomeCities[_rng.Next(HomeCities.Length)];
        return new User(Id(), Id(), Id(), Id(), home.Country, home.Lat, home.Lon, 15 + (_rng.NextDouble() * 80), firstMs);
    }

    private void Normal(User u, long t)
    {
        // Legitimate noise that looks like fraud signals: new devices, trips abroad, gifts shipped abroad, big purchases.
        var device = _rng.NextDouble() < 0.05 ? Id() : u.Device;
        var ip = _rng.NextDouble() < 0.08 ? Id() : u.Ip;
        var amount = u.TypicalAmount * Math.Exp(0.5 * Gaussian()) * (_rng.NextDouble() < 0.03 ? 6 : 1);
        var declined = _rng.NextDouble() < 0.02;
        var (ipCountry, lat, lon) = (u.Country, u.Lat, u.Lon);
        if (_rng.NextDouble() < 0.04)
        {
            var trip = HomeCities[_rng.Next(HomeCities.Length)];
            (ipCountry, lat, lon, ip) = (trip.Country, trip.Lat, trip.Lon, Id());
        }

        var shipping = _rng.NextDouble() < 0.03 ? HomeCities[_rng.Next(HomeCities.Length)].Country : u.Country;
        Emit(u.Id, u.Card, device, ip, t, amount, u.Country, shipping, ipCountry, lat + Jitter(), lon + Jitter(), declined, fraud: false);
        if (!declined && _rng.NextDouble() < 0.02)
        {
            Label(PaymentEventType.Refunded, u.Id, u.Card, t + (long)((1 + (_rng.NextDouble() * 10)) * DayMs), amount);
        }
    }

    private void CardTesting(long t)
    {
        var user = Id();
        var device = Id();
        var ip = Id();
        var city = FraudCities[_rng.Next(FraudCities.Length)];
        var attempts = 8 + _rng.Next(20);
        for (var i = 0; i < attempts; i++)
        {
            var card = Id();
            var home = HomeCities[_rng.Next(HomeCities.Length)].Country;
            t += 2_000 + _rng.Next(20_000);
            Emit(user, card, device, ip, t, 1 + (_rng.NextDouble() * 4), home, home, city.Country, double.NaN, double.NaN,
                declined: _rng.NextDouble() < 0.7, fraud: true);
        }
    }

    private void AccountTakeover(User u, long t)
    {
        var device = Id();
        var ip = Id();

        // A third of takeovers come from the victim's own country (e.g. a local proxy) and ship to them.
        var local = _rng.NextDouble() < 0.33;
        var city = local ? (u.Country, u.Lat, u.Lon) : FraudCities[_rng.Next(FraudCities.Length)];
        var drop = local ? u.Country : FraudCities[_rng.Next(FraudCities.Length)].Country;
        for (var i = 0; i < 1 + _rng.Next(3); i++)
        {
            var amount = u.TypicalAmount * (2 + (_rng.NextDouble() * 8));
            Emit(u.Id, u.Card, device, ip, t, amount, u.Country, drop, city.Item1, city.Item2 + Jitter(), city.Item3 + Jitter(), declined: false, fraud: true);
            t += (long)((5 + (_rng.NextDouble() * 60)) * MinuteMs);
        }
    }

    private void NewAccountHighValue(long t)
    {
        var u = NewUser(t);
        var shipping = _rng.NextDouble() < 0.5 ? FraudCities[_rng.Next(FraudCities.Length)].Country : u.Country;
        var ipCountry = _rng.NextDouble() < 0.5 ? FraudCities[_rng.Next(FraudCities.Length)].Country : u.Country;
        Emit(u.Id, u.Card, u.Device, u.Ip, t, 600 + (_rng.NextDouble() * 2500), u.Country, shipping, ipCountry, double.NaN, double.NaN,
            declined: false, fraud: true);
    }

    private void ImpossibleTravel(User u, long t)
    {
        // A genuine payment at home, then the same card far away within the hour.
        Normal(u, t);
        var city = FraudCities[_rng.Next(FraudCities.Length)];
        var later = t + (long)((10 + (_rng.NextDouble() * 50)) * MinuteMs);
        Emit(u.Id, u.Card, _rng.NextDouble() < 0.5 ? u.Device : Id(), Id(), later, u.TypicalAmount * (1 + (_rng.NextDouble() * 4)),
            u.Country, u.Country, city.Country, city.Lat + Jitter(), city.Lon + Jitter(), declined: false, fraud: true);
    }

    private void Emit(ulong user, ulong card, ulong device, ulong ip, long t, double amount, string billing, string shipping,
        string ipCountry, double lat, double lon, bool declined, bool fraud)
    {
        var txn = "t" + (++_txn).ToString(CultureInfo.InvariantCulture);
        var cents = (long)Math.Round(amount * 100);
        _events.Add(new PaymentEvent((ulong)_txn, t, declined ? PaymentEventType.Declined : PaymentEventType.Authorized, txn, Id(), user, card, cents,
            "EUR", [], ip, device, 0, billing, shipping, ipCountry, lat, lon));
        _labels[txn] = fraud;
        if (fraud && !declined && _rng.NextDouble() < 0.8)
        {
            _events.Add(new PaymentEvent(Id(), t + (long)((20 + (_rng.NextDouble() * 40)) * DayMs), PaymentEventType.Chargeback, txn, 0, user, card,
                cents, "EUR", [], 0, 0, 0, "", "", "", double.NaN, double.NaN));
        }
    }

    private void Label(PaymentEventType type, ulong user, ulong card, long t, double amount) =>
        _events.Add(new PaymentEvent(Id(), t, type, "r" + Id().ToString(CultureInfo.InvariantCulture), 0, user, card, (long)Math.Round(amount * 100),
            "EUR", [], 0, 0, 0, "", "", "", double.NaN, double.NaN));

    private ulong Id() => (ulong)_rng.NextInt64(1, long.MaxValue);

    private double Jitter() => (_rng.NextDouble() - 0.5) * 0.2;

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());

    private sealed record User(ulong Id, ulong Card, ulong Device, ulong Ip, string Country, double Lat, double Lon, double TypicalAmount, long FirstMs);
}
