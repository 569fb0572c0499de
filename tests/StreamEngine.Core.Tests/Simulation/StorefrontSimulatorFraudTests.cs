using System.Text.Json;
using StreamEngine.Core.Simulation;
using static StreamEngine.Core.Tests.Simulation.SimulatedRun;

namespace StreamEngine.Core.Tests.Simulation;

public sealed class StorefrontSimulatorFraudTests
{
    private static readonly Lazy<SimulatedRun> LongRun = new(() => Create(new SimulatorOptions
    {
        Seed = 13,
        EventCount = 120_000,
        Duration = TimeSpan.FromDays(10),
        Users = 3_000,
        Products = 100,
        FraudRate = 0.05,
    }));

    private sealed record Payment(string TxnId, string User, string Card, string Device, long Cents, long TimeMs, bool Authorized,
        string IpCountry, string BillingCountry, double? Lat, double? Lon);

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.10)]
    public void FraudShareOfPayments_IsCloseToFraudRate(double rate)
    {
        var truth = rate == 0.02 ? Shared.Truth : Create(new SimulatorOptions
        {
            Seed = 17, EventCount = 80_000, Duration = TimeSpan.FromDays(1), Users = 3_000, Products = 100, FraudRate = rate,
        }).Truth;
        var share = (double)truth.FraudPayments / (truth.PaymentsAuthorized + truth.PaymentsDeclined);

        Assert.InRange(share, rate * 0.75, rate * 1.3);
    }

    [Fact]
    public void FraudTxnIds_AreEmittedPayments_AndChargebacksReferToThem_OneToFiveDaysLater()
    {
        var run = LongRun.Value;
        var payments = Payments(run).ToDictionary(p => p.TxnId);
        var lastTs = run.Records.Max(r => r.TimestampMs);
        var chargebacks = new Dictionary<string, long>();
        var refunds = 0;
        foreach (var (root, ts) in Labels(run))
        {
            var txn = Str(root, "txn_id");
            var payment = payments[txn];
            Assert.True(payment.Authorized, "labels refer to authorized payments");
            Assert.Equal(payment.User, Str(root, "user_id"));
            Assert.Equal(payment.Card, Str(root, "card_token"));
            if (Str(root, "type") == "chargeback")
            {
                Assert.Contains(txn, run.Truth.FraudTxnIds);
                Assert.Equal(payment.Cents, Cents(root.GetProperty("amount")));
                Assert.InRange(ts - payment.TimeMs, TimeSpan.FromDays(1).TotalMilliseconds, TimeSpan.FromDays(5).TotalMilliseconds);
                chargebacks.Add(txn, ts);
            }
            else
            {
                Assert.DoesNotContain(txn, run.Truth.FraudTxnIds);
                refunds++;
            }
        }

        Assert.All(run.Truth.FraudTxnIds, id => Assert.True(payments.ContainsKey(id)));
        // Every authorized fraud payment whose chargeback window closed before the run ended got its chargeback.
        var settled = payments.Values.Where(p => p.Authorized && run.Truth.FraudTxnIds.Contains(p.TxnId)
            && p.TimeMs + TimeSpan.FromDays(5).TotalMilliseconds + run.Options.MaxOutOfOrderness.TotalMilliseconds < lastTs).ToList();
        Assert.NotEmpty(settled);
        Assert.All(settled, p => Assert.True(chargebacks.ContainsKey(p.TxnId), $"no chargeback for {p.TxnId}"));
        Assert.True(refunds > 0, "some legitimate payments are refunded");
    }

    [Fact]
    public void FraudScenarios_ShowCardTestingAndImpossibleTravel()
    {
        var run = LongRun.Value;
        var fraud = Payments(run).Where(p => run.Truth.FraudTxnIds.Contains(p.TxnId)).ToList();

        var cardTesting = fraud.GroupBy(p => p.Device).Any(g => g.Select(p => p.Card).Distinct().Count() >= 5
            && g.All(p => p.Cents <= 500) && g.Any(p => !p.Authorized));
        Assert.True(cardTesting, "a device tries many cards for small amounts");

        var foreign = fraud.Count(p => p.IpCountry != p.BillingCountry);
        Assert.True(foreign > fraud.Count / 4, "many fraud payments come from outside the billing country");

        var all = Payments(run).Where(p => p.Lat is not null).GroupBy(p => p.User);
        var travel = all.Any(g => g.Any(a => g.Any(b => run.Truth.FraudTxnIds.Contains(b.TxnId)
            && !run.Truth.FraudTxnIds.Contains(a.TxnId) && b.TimeMs > a.TimeMs && b.TimeMs - a.TimeMs < 30 * 60_000
            && a.Card == b.Card && Math.Abs(a.Lat!.Value - b.Lat!.Value) + Math.Abs(a.Lon!.Value - b.Lon!.Value) > 40)));
        Assert.True(travel, "a card pays twice within minutes from places far apart");
    }

    [Fact]
    public void FraudPatterns_NameTheScenarioOfEveryFraudPayment()
    {
        var run = LongRun.Value;
        var patterns = run.Truth.FraudPatternByTxnId;
        Assert.Equal(run.Truth.FraudTxnIds.Order(StringComparer.Ordinal), patterns.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            [FraudPattern.CardTesting, FraudPattern.AccountTakeover, FraudPattern.NewAccountHighValue, FraudPattern.ImpossibleTravel],
            patterns.Values.Distinct().Order());

        var payments = Payments(run).ToDictionary(p => p.TxnId);
        foreach (var (txn, pattern) in patterns)
        {
            var p = payments[txn];
            switch (pattern)
            {
                case FraudPattern.CardTesting:
                    Assert.InRange(p.Cents, 50, 499); // small probes
                    break;
                case FraudPattern.AccountTakeover:
                    Assert.NotEqual(p.BillingCountry, p.IpCountry); // from the far country
                    break;
                case FraudPattern.NewAccountHighValue:
                    Assert.Equal(p.BillingCountry, p.IpCountry); // at home: only the account's age and the amount tell
                    break;
                default:
                    Assert.NotNull(p.Lat); // located far from the genuine payment minutes before
                    Assert.NotEqual(p.BillingCountry, p.IpCountry);
                    break;
            }
        }
    }

    private static IEnumerable<Payment> Payments(SimulatedRun run)
    {
        foreach (var record in run.Records)
        {
            using var doc = JsonDocument.Parse(record.Value);
            var root = doc.RootElement;
            if (Str(root, "type") != "payment")
            {
                continue;
            }

            double? lat = root.TryGetProperty("lat", out var la) ? la.GetDouble() : null;
            double? lon = root.TryGetProperty("lon", out var lo) ? lo.GetDouble() : null;
            yield return new Payment(Str(root, "txn_id"), Str(root, "user_id"), Str(root, "card_token"), Str(root, "device_id"),
                Cents(root.GetProperty("amount")), record.TimestampMs, Str(root, "status") == "authorized",
                Str(root, "ip_country"), Str(root, "billing_country"), lat, lon);
        }
    }

    private static IEnumerable<(JsonElement Root, long Ts)> Labels(SimulatedRun run)
    {
        foreach (var record in run.Records)
        {
            using var doc = JsonDocument.Parse(record.Value);
            var type = Str(doc.RootElement, "type");
            if (type is "refund" or "chargeback")
            {
                yield return (doc.RootElement.Clone(), record.TimestampMs);
            }
        }
    }
}
