using System.Text.Json;
using StreamEngine.Core.Simulation;
using static StreamEngine.Core.Tests.Simulation.SimulatedRun;

namespace StreamEngine.Core.Tests.Simulation;

/// <summary>The ground truth must equal what a brute-force pass over the emitted JSON finds.</summary>
public sealed class StorefrontSimulatorGroundTruthTests
{
    [Fact]
    public void GroundTruth_EqualsCountsRecomputedFromTheEmittedRecords()
    {
        var run = Shared;
        var byTopic = new Dictionary<string, long>();
        var byType = new Dictionary<string, long>();
        var units = new Dictionary<string, long>();
        var revenue = new Dictionary<string, long>();
        var skuCountry = new Dictionary<(string, string), SkuCountryCounts>();
        var skuDay = new Dictionary<(string, DateOnly), long>();
        var sessions = new HashSet<string>();
        var orders = new HashSet<string>();
        var lines = new List<PurchaseLine>();
        long authorized = 0, declined = 0, late = 0;
        foreach (var record in run.Records)
        {
            using var doc = JsonDocument.Parse(record.Value);
            var root = doc.RootElement;
            var type = Str(root, "type");
            byTopic[record.Topic] = byTopic.GetValueOrDefault(record.Topic) + 1;
            byType[type] = byType.GetValueOrDefault(type) + 1;
            if (record.Topic == run.Options.Topics.Clickstream)
            {
                sessions.Add(Str(root, "session_id"));
            }

            if (type is "product_view" or "add_to_cart" or "purchase")
            {
                var key = (Str(root, "sku"), Str(root, "country"));
                var c = skuCountry.GetValueOrDefault(key);
                skuCountry[key] = type switch
                {
                    "product_view" => c with { ProductViews = c.ProductViews + 1 },
                    "add_to_cart" => c with { AddToCarts = c.AddToCarts + 1 },
                    _ => c with { Purchases = c.Purchases + 1, PurchasedUnits = c.PurchasedUnits + root.GetProperty("quantity").GetInt32() },
                };
            }

            switch (type)
            {
                case "purchase":
                    var qty = root.GetProperty("quantity").GetInt32();
                    var currency = Str(root, "currency");
                    units[currency] = units.GetValueOrDefault(currency) + qty;
                    revenue[currency] = revenue.GetValueOrDefault(currency) + (qty * Cents(root.GetProperty("price")));
                    var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(record.TimestampMs).UtcDateTime);
                    var sd = (Str(root, "sku"), day);
                    skuDay[sd] = skuDay.GetValueOrDefault(sd) + qty;
                    orders.Add(Str(root, "order_id"));
                    lines.Add(new PurchaseLine(Str(root, "sku"), Str(root, "country"), currency, Cents(root.GetProperty("price")), qty));
                    break;
                case "payment":
                    _ = Str(root, "status") == "declined" ? declined++ : authorized++;
                    break;
                case "shipment_delivered":
                    late += record.TimestampMs > TimeMs(root.GetProperty("promised_at")) ? 1 : 0;
                    break;
                default:
                    break;
            }
        }

        var truth = run.Truth;
        Assert.Equal(run.Records.Count, truth.TotalRecords);
        Assert.Equal(Sorted(byTopic), Sorted(truth.RecordsByTopic));
        Assert.Equal(Sorted(byType), Sorted(truth.EventsByType));
        Assert.Equal(Sorted(units), Sorted(truth.PurchasedUnitsByCurrency));
        Assert.Equal(Sorted(revenue), Sorted(truth.RevenueMinorByCurrency));
        Assert.Equal(lines, truth.PurchaseLines);
        Assert.Equal(skuCountry.Count, truth.BySkuCountry.Count);
        foreach (var (key, counts) in skuCountry)
        {
            Assert.Equal(counts, truth.BySkuCountry[key]);
        }

        Assert.Equal(skuDay.Count, truth.UnitsSoldBySkuDay.Count);
        foreach (var (key, value) in skuDay)
        {
            Assert.Equal(value, truth.UnitsSoldBySkuDay[key]);
        }

        Assert.Equal(sessions.Count, truth.Sessions);
        Assert.Equal(orders.Count, truth.Orders);
        Assert.Equal(authorized, truth.PaymentsAuthorized);
        Assert.Equal(declined, truth.PaymentsDeclined);
        Assert.Equal(late, truth.LateDeliveries);
        Assert.True(late > 0 && truth.Sessions > 1000 && truth.Orders > 1000, "the run is large enough to be meaningful");
    }

    [Fact]
    public void TrafficMix_IsMostlyClickstreamWithSomeTransactionsAndInventory()
    {
        var truth = SimulatedRun.Create(new SimulatorOptions { Seed = 11, EventCount = 300_000, Duration = TimeSpan.FromDays(2) }).Truth;
        var topics = new SimulatorTopicNames();
        double Share(string topic) => (double)truth.RecordsByTopic[topic] / truth.TotalRecords;

        Assert.InRange(Share(topics.Clickstream), 0.80, 0.92);
        Assert.InRange(Share(topics.Transactions), 0.04, 0.09);
        Assert.InRange(Share(topics.Inventory), 0.03, 0.12);
        foreach (var type in (string[])["page_view", "search", "product_view", "add_to_cart", "remove_from_cart", "checkout_start",
                     "purchase", "payment", "refund", "chargeback", "stock_snapshot", "purchase_order", "adjustment",
                     "shipment_dispatched", "shipment_delivered"])
        {
            Assert.True(truth.EventsByType.GetValueOrDefault(type) > 0, $"no {type} emitted");
        }
    }

    private static List<KeyValuePair<string, long>> Sorted(IEnumerable<KeyValuePair<string, long>> pairs) =>
        [.. pairs.OrderBy(p => p.Key, StringComparer.Ordinal)];
}
