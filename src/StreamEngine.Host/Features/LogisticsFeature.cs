using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Inventory;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>
/// Delivery time p50/p95 and late rate per carrier and destination country, to <c>delivery_stats</c>. Its open windows
/// are checkpointed, so a restart or a partition move continues them instead of losing the deliveries in them.
/// </summary>
internal sealed class LogisticsFeature(LogisticsOptions options) : IFeature
{
    public string Name => "logistics";

    public InputTopic StateInput => InputTopic.Inventory;


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Inventory];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [DeliveryStatsTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(outputs);
        var state = new LogisticsState(options);
        var inputs = streams.Checkpointed(Name, state);
        var table = outputs.Table(DeliveryStatsTable.Definition, DeliveryStatsTable.Encoder);
        var partition = streams.Partition;
        return LogisticsPipeline.Build(inputs.Inventory, state).Subscribe(
            item =>
            {
                if (!item.IsPunctuation)
                {
                    table.Add(new DeliveryStatsRow(item.Value, partition));
                }
            },
            error => throw new InvalidOperationException($"Pipeline feeding '{Name}' failed.", error));
    }
}
