using System.Text.Json;
using static StreamEngine.Core.Tests.Simulation.SimulatedRun;

namespace StreamEngine.Core.Tests.Simulation;

/// <summary>Records of one order agree with each other across the three topics.</summary>
public sealed class StorefrontSimulatorConsistencyTests
{
    [Fact]
    public void PurchaseLinesOfAnOrder_MatchItsAuthorizedPayment_AndShipmentsFollowIt()
    {
        var purchases = new Dictionary<string, List<(string Sku, int Qty, long Price, long Ts)>>();
        var authorized = new Dictionary<string, (long Amount, List<(string Sku, int Qty, long Price)> Items, long Ts)>();
        var dispatched = new Dictionary<string, (string Order, long Ts, long Promised)>();
        var delivered = new List<(string Shipment, long DispatchedAt, long Promised, long Ts)>();
        foreach (var record in Shared.Records)
        {
            using var doc = JsonDocument.Parse(record.Value);
            var root = doc.RootElement;
            switch (Str(root, "type"))
            {
                case "purchase":
                    var order = Str(root, "order_id");
                    if (!purchases.TryGetValue(order, out var lines))
                    {
                        purchases[order] = lines = [];
                    }

                    lines.Add((Str(root, "sku"), root.GetProperty("quantity").GetInt32(), Cents(root.GetProperty("price")), record.TimestampMs));
                    break;
                case "payment" when Str(root, "status") == "authorized":
                    var items = root.GetProperty("items").EnumerateArray()
                        .Select(i => (Str(i, "sku"), i.GetProperty("qty").GetInt32(), Cents(i.GetProperty("price")))).ToList();
                    authorized[Str(root, "order_id")] = (Cents(root.GetProperty("amount")), items, record.TimestampMs);
                    break;
                case "shipment_dispatched":
                    dispatched[Str(root, "shipment_id")] = (Str(root, "order_id"), record.TimestampMs, TimeMs(root.GetProperty("promised_at")));
                    break;
                case "shipment_delivered":
                    delivered.Add((Str(root, "shipment_id"), TimeMs(root.GetProperty("dispatched_at")), TimeMs(root.GetProperty("promised_at")), record.TimestampMs));
                    break;
                default:
                    break;
            }
        }

        var complete = 0;
        foreach (var (order, lines) in purchases)
        {
            // Lines emitted just before the run ended may lack their payment's neighbours; all others must match.
            if (!authorized.TryGetValue(order, out var payment))
            {
                continue;
            }

            Assert.All(lines, l => Assert.True(l.Ts > payment.Ts, "purchase lines follow the authorization"));
            if (lines.Count == payment.Items.Count)
            {
                complete++;
                Assert.Equal(payment.Items.OrderBy(i => i.Item1), lines.Select(l => (l.Sku, l.Qty, l.Price)).OrderBy(i => i.Item1));
                Assert.Equal(payment.Amount, lines.Sum(l => l.Qty * l.Price));
            }
        }

        Assert.True(complete > purchases.Count * 0.95, $"{complete} of {purchases.Count} orders complete");
        Assert.All(dispatched.Values, d => Assert.True(!purchases.ContainsKey(d.Order) || authorized[d.Order].Ts < d.Ts, "dispatch after payment"));
        Assert.NotEmpty(delivered);
        foreach (var d in delivered.Where(d => dispatched.ContainsKey(d.Shipment)))
        {
            Assert.Equal(dispatched[d.Shipment].Ts, d.DispatchedAt);
            Assert.Equal(dispatched[d.Shipment].Promised, d.Promised);
            Assert.True(d.Ts > d.DispatchedAt);
        }
    }
}
