using StreamEngine.Core.Simulation;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Commands;

/// <summary>Builds the simulator from configuration plus the verb's --events/--seed flags, with the engine's topic names.</summary>
internal static class SimulationSource
{
    public static (StorefrontSimulator Simulator, SimulatorOptions Options) Create(Microsoft.Extensions.Configuration.IConfiguration configuration, EngineOptions engine, CommandLine flags, long defaultEvents)
    {
        var options = EngineConfiguration.Bind<SimulatorOptions>(configuration, SimulatorOptions.SectionName);
        options.EventCount = flags.GetInt64("events", configuration.GetSection(SimulatorOptions.SectionName)["EventCount"] is null ? defaultEvents : options.EventCount);
        options.Seed = (int)flags.GetInt64("seed", options.Seed);
        options.Topics.Clickstream = engine.Kafka.ClickstreamTopic;
        options.Topics.Transactions = engine.Kafka.TransactionsTopic;
        options.Topics.Inventory = engine.Kafka.InventoryTopic;
        EngineOptions.Validate(options.Validate);
        return (new StorefrontSimulator(options), options);
    }

    public static IEnumerable<(string Topic, byte[] Key, byte[] Value, long TimestampMs)> Records(StorefrontSimulator simulator)
    {
        foreach (var record in simulator.Generate())
        {
            yield return (record.Topic, record.Key, record.Value, record.TimestampMs);
        }
    }
}
