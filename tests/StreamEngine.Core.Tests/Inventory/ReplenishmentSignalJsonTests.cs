using System.Text;
using System.Text.Json;
using StreamEngine.Core.Inventory;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class ReplenishmentSignalJsonTests
{
    private static readonly ReplenishmentSignal Signal = new("SKU-00003", "WH-2", 1_795_335_330_250, 4, 10, 31.5, 9.25, 2.5, 35, AbcClass.B, 1_795_305_600_000);

    [Fact]
    public void Key_IsSkuPipeWarehouse()
    {
        Assert.Equal("SKU-00003|WH-2", Encoding.UTF8.GetString(ReplenishmentSignalJson.Key(Signal)));
    }

    [Fact]
    public void Encode_CarriesEveryFieldOfTheSignal()
    {
        using var json = JsonDocument.Parse(ReplenishmentSignalJson.Encode(Signal));
        var root = json.RootElement;

        var decoded = new ReplenishmentSignal(
            root.GetProperty("sku").GetString()!,
            root.GetProperty("warehouse").GetString()!,
            root.GetProperty("time_ms").GetInt64(),
            root.GetProperty("on_hand").GetInt64(),
            root.GetProperty("on_order").GetInt64(),
            root.GetProperty("reorder_point").GetDouble(),
            root.GetProperty("safety_stock").GetDouble(),
            root.GetProperty("demand_mean").GetDouble(),
            root.GetProperty("suggested_quantity").GetInt64(),
            Enum.Parse<AbcClass>(root.GetProperty("abc_class").GetString()!),
            root.GetProperty("threshold_bucket_start_ms").GetInt64());

        Assert.Equal("replenishment", root.GetProperty("type").GetString());
        Assert.Equal(Signal, decoded);
    }
}
