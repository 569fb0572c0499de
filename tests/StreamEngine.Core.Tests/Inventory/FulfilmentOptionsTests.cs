using StreamEngine.Core.Inventory;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class FulfilmentOptionsTests
{
    [Theory]
    [InlineData("US", "WH-1")]
    [InlineData("BR", "WH-1")]
    [InlineData("DE", "WH-2")]
    [InlineData("GB", "WH-2")]
    [InlineData("JP", "WH-3")]
    [InlineData("SG", "WH-3")]
    [InlineData("ZA", "WH-1")]
    [InlineData(null, "WH-1")]
    public void Defaults_MapRegionsLikeTheSimulator_ElseTheDefaultWarehouse(string? country, string warehouse)
    {
        Assert.Equal(warehouse, new FulfilmentOptions().WarehouseFor(country));
    }

    [Fact]
    public void Validate_NamesTheInvalidKey()
    {
        var options = new FulfilmentOptions();
        options.WarehouseByCountry["de"] = "WH-9";

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("StreamEngine:Fulfilment:WarehouseByCountry:de", error.Message, StringComparison.Ordinal);
    }
}
