using System.Text.Json;
using StreamEngine.Core.Simulation;

namespace StreamEngine.Core.Tests.Simulation;

/// <summary>Continuous runs (a live storefront) and id offsets (a restarted one).</summary>
public sealed class StorefrontSimulatorContinuousTests
{
    private static readonly string[] SequenceIds = ["event_id", "session_id", "order_id", "txn_id", "shipment_id", "po_id"];

    // 2,400 records per simulated day: 10,000 records span about four days.
    private static SimulatorOptions Continuous(long idOffset = 0) => new()
    {
        Seed = 11,
        EventCount = 2_400,
        Duration = TimeSpan.FromDays(1),
        Users = 300,
        Products = 20,
        Continuous = true,
        IdOffset = idOffset,
    };

    [Fact]
    public void Continuous_KeepsEmittingPastEventCountAndDuration_AtTheSameMeanRate()
    {
        var options = Continuous();
        var records = new StorefrontSimulator(options).Generate().Take(10_000).ToList();

        Assert.Equal(10_000, records.Count);
        var days = (records.Max(r => r.TimestampMs) - options.Start.ToUnixTimeMilliseconds()) / 86_400_000.0;
        Assert.InRange(days, 3.0, 5.5);
        Assert.Equal(records.Count, records.Select(r => Id(r, "event_id")).Distinct().Count());
        // Chargebacks (labels) keep coming: a continuous run has no end after which they are left out.
        Assert.Contains(records, r => Type(r) == "chargeback");
    }

    [Fact]
    public void Continuous_GroundTruthKeepsCountsOnly()
    {
        var simulator = new StorefrontSimulator(Continuous());

        var records = simulator.Generate().Take(10_000).ToList();

        var truth = simulator.GroundTruth;
        Assert.Equal(records.Count, truth.TotalRecords);
        Assert.Equal(records.Count(r => Type(r) == "payment"), truth.PaymentsAuthorized + truth.PaymentsDeclined);
        Assert.True(truth.FraudPayments > 0, "fraud payments are still counted");
        Assert.Equal(0, truth.Sessions);
        Assert.Equal(0, truth.Orders);
        Assert.Empty(truth.FraudTxnIds);
        Assert.Empty(truth.UnitsSoldBySkuDay);
    }

    [Fact]
    public void IdOffset_GivesALaterRunOfTheSameShopIdsTheEarlierRunNeverUsed()
    {
        var first = new StorefrontSimulator(Continuous()).Generate().Take(10_000).ToList();
        var later = new StorefrontSimulator(Continuous(idOffset: 1_000_000_000)).Generate().Take(10_000).ToList();

        foreach (var field in SequenceIds)
        {
            var before = first.Select(r => Id(r, field)).OfType<string>().ToHashSet();
            var after = later.Select(r => Id(r, field)).OfType<string>().ToHashSet();
            Assert.NotEmpty(before);
            Assert.NotEmpty(after);
            Assert.Empty(before.Intersect(after));
        }

        // Same seed, same shop: the same users and SKUs appear in both.
        Assert.Equal(first.Select(r => Id(r, "user_id")).OfType<string>().ToHashSet(), later.Select(r => Id(r, "user_id")).OfType<string>().ToHashSet());
    }

    [Fact]
    public void IdOffset_OutOfRange_IsRejectedWithItsKey()
    {
        var options = Continuous(idOffset: -1);

        var error = Assert.Throws<ArgumentException>(() => new StorefrontSimulator(options));

        Assert.Contains("StreamEngine:Simulator:IdOffset", error.Message, StringComparison.Ordinal);
    }

    private static string Type(SimulatedRecord record) => JsonDocument.Parse(record.Value).RootElement.GetProperty("type").GetString()!;

    private static string? Id(SimulatedRecord record, string field) =>
        JsonDocument.Parse(record.Value).RootElement.TryGetProperty(field, out var value) ? value.GetString() : null;
}
