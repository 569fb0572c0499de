using System.Text.Json;
using StreamEngine.Core.Simulation;
using static StreamEngine.Core.Tests.Simulation.SimulatedRun;

namespace StreamEngine.Core.Tests.Simulation;

/// <summary>Every record, read with JsonDocument, against the brief's JSON event contract.</summary>
public sealed class StorefrontSimulatorContractTests
{
    private static readonly string[] ClickCommon = ["user_id", "session_id", "device_id", "ip", "country", "channel"];
    private static readonly string[] ProductFields = ["sku", "category", "price", "currency"];
    private static readonly string[] PaymentFields =
    [
        "txn_id", "order_id", "user_id", "card_token", "amount", "currency", "items", "ip", "device_id",
        "billing_country", "shipping_country", "ip_country", "status",
    ];

    private static readonly string[] LabelFields = ["txn_id", "user_id", "card_token", "amount", "currency"];
    private static readonly string[] Channels = ["direct", "search", "social", "email", "ads", "affiliate"];

    private static readonly Dictionary<string, string[]> InventoryFields = new()
    {
        ["stock_snapshot"] = ["sku", "warehouse", "on_hand"],
        ["purchase_order"] = ["sku", "warehouse", "supplier", "quantity", "po_id", "ordered_at", "expected_at"],
        ["receipt"] = ["sku", "warehouse", "supplier", "quantity", "po_id", "ordered_at", "received_at"],
        ["adjustment"] = ["sku", "warehouse", "delta", "reason"],
        ["shipment_dispatched"] = ["shipment_id", "warehouse", "carrier", "destination_country", "promised_at"],
        ["shipment_delivered"] = ["shipment_id", "warehouse", "carrier", "destination_country", "dispatched_at", "promised_at"],
    };

    [Fact]
    public void EveryRecord_IsJsonWithTheRequiredFieldsOfItsType_OnItsTopicWithItsKey()
    {
        var run = Shared;
        var topics = run.Options.Topics;
        var eventIds = new HashSet<string>();
        foreach (var record in run.Records)
        {
            using var doc = JsonDocument.Parse(record.Value);
            var root = doc.RootElement;
            var type = Str(root, "type");
            Assert.True(eventIds.Add(Str(root, "event_id")), "event_id must be unique");
            Assert.Equal(record.TimestampMs, TimeMs(root.GetProperty("ts")));
            switch (type)
            {
                case "page_view" or "search" or "product_view" or "add_to_cart" or "remove_from_cart" or "checkout_start" or "purchase":
                    Assert.Equal(topics.Clickstream, record.Topic);
                    Require(root, type, ClickCommon);
                    Assert.Equal(Str(root, "user_id"), KeyOf(record));
                    Assert.Contains(Str(root, "channel"), Channels);
                    AssertCountry(Str(root, "country"));
                    RequireClickDetails(root, type);
                    break;
                case "payment":
                    Assert.Equal(topics.Transactions, record.Topic);
                    Require(root, type, PaymentFields);
                    Assert.Equal(Str(root, "user_id"), KeyOf(record));
                    Assert.Contains(Str(root, "status"), (string[])["authorized", "declined"]);
                    RequirePaymentDetails(root);
                    break;
                case "refund" or "chargeback":
                    Assert.Equal(topics.Transactions, record.Topic);
                    Require(root, type, LabelFields);
                    Assert.Equal(Str(root, "user_id"), KeyOf(record));
                    break;
                default:
                    Assert.Equal(topics.Inventory, record.Topic);
                    Assert.True(InventoryFields.TryGetValue(type, out var fields), $"unknown type {type}");
                    Require(root, type, fields);
                    var key = type.StartsWith("shipment_", StringComparison.Ordinal) ? "shipment_id" : "sku";
                    Assert.Equal(Str(root, key), KeyOf(record));
                    RequireInventoryTimes(root, type);
                    break;
            }
        }
    }

    [Fact]
    public void Timestamps_MixEpochMillisAndIsoWithOffsets_InAboutTheConfiguredShare()
    {
        var iso = 0;
        var nonUtcOffsets = 0;
        foreach (var record in Shared.Records)
        {
            using var doc = JsonDocument.Parse(record.Value);
            var ts = doc.RootElement.GetProperty("ts");
            if (ts.ValueKind == JsonValueKind.String)
            {
                iso++;
                if (!ts.GetString()!.EndsWith("+00:00", StringComparison.Ordinal))
                {
                    nonUtcOffsets++;
                }
            }
        }

        var share = (double)iso / Shared.Records.Count;
        Assert.InRange(share, 0.08, 0.12);
        Assert.True(nonUtcOffsets > iso / 2, "most ISO timestamps carry a non-UTC offset");
    }

    private static void Require(JsonElement root, string type, string[] fields)
    {
        foreach (var field in fields)
        {
            Assert.True(root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null, $"{type} lacks {field}");
        }
    }

    private static void AssertCountry(string code) => Assert.Matches("^[A-Z]{2}$", code);

    private static void RequireClickDetails(JsonElement root, string type)
    {
        switch (type)
        {
            case "search":
                Assert.False(string.IsNullOrEmpty(Str(root, "query")));
                break;
            case "product_view" or "add_to_cart" or "remove_from_cart" or "purchase":
                Require(root, type, ProductFields);
                Assert.True(Cents(root.GetProperty("price")) > 0);
                Assert.Matches("^[A-Z]{3}$", Str(root, "currency"));
                if (type == "purchase")
                {
                    Require(root, type, ["quantity", "order_id"]);
                    Assert.True(root.GetProperty("quantity").GetInt32() > 0);
                }

                break;
            default:
                break;
        }
    }

    private static void RequirePaymentDetails(JsonElement root)
    {
        long sum = 0;
        foreach (var item in root.GetProperty("items").EnumerateArray())
        {
            Require(item, "payment item", ["sku", "qty", "price"]);
            sum += Cents(item.GetProperty("price")) * item.GetProperty("qty").GetInt32();
        }

        Assert.Equal(Cents(root.GetProperty("amount")), sum);
        foreach (var country in (string[])["billing_country", "shipping_country", "ip_country"])
        {
            AssertCountry(Str(root, country));
        }

        Assert.Equal(root.TryGetProperty("lat", out _), root.TryGetProperty("lon", out _));
    }

    private static void RequireInventoryTimes(JsonElement root, string type)
    {
        foreach (var field in (string[])["ordered_at", "expected_at", "received_at", "dispatched_at", "promised_at"])
        {
            if (root.TryGetProperty(field, out var value))
            {
                Assert.True(TimeMs(value) > 0, $"{type}.{field}");
            }
        }

        if (type == "receipt")
        {
            Assert.True(TimeMs(root.GetProperty("received_at")) > TimeMs(root.GetProperty("ordered_at")));
        }
    }
}
