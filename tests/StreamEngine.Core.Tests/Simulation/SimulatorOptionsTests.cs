using StreamEngine.Core.Simulation;

namespace StreamEngine.Core.Tests.Simulation;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => new SimulatorOptions().Validate();

    [Theory]
    [InlineData("EventCount")]
    [InlineData("Duration")]
    [InlineData("Users")]
    [InlineData("Products")]
    [InlineData("Warehouses")]
    [InlineData("Countries")]
    [InlineData("FraudRate")]
    [InlineData("IsoTimestampShare")]
    [InlineData("MaxOutOfOrderness")]
    [InlineData("Topics:Inventory")]
    [InlineData("DemandStep:SkuIndex")]
    public void InvalidSetting_FailsWithItsConfigurationKey(string key)
    {
        var options = new SimulatorOptions();
        switch (key)
        {
            case "EventCount": options.EventCount = 0; break;
            case "Duration": options.Duration = TimeSpan.Zero; break;
            case "Users": options.Users = 0; break;
            case "Products": options.Products = -1; break;
            case "Warehouses": options.Warehouses = 10; break;
            case "Countries": options.Countries = "US,XX"; break;
            case "FraudRate": options.FraudRate = 0.9; break;
            case "IsoTimestampShare": options.IsoTimestampShare = 1.5; break;
            case "MaxOutOfOrderness": options.MaxOutOfOrderness = TimeSpan.FromSeconds(-1); break;
            case "Topics:Inventory": options.Topics.Inventory = " "; break;
            default: options.DemandStep = new DemandStep { SkuIndex = options.Products }; break;
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("StreamEngine:Simulator:" + key + " ", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new StorefrontSimulator(options));
    }
}
