using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>Sessions reaching view, cart, checkout and purchase per minute and entry channel, into <c>funnel</c>.</summary>
internal sealed class FunnelFeature(FeatureOptions options) : IFeature
{
    public string Name => "funnel";

    public InputTopic StateInput => InputTopic.Clickstream;


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Clickstream];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [FunnelTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        // Sessions outlive the replay from the committed offset (a replay would count their steps again), so they are
        // checkpointed with the advances of the open funnel windows, which rebuild those windows on a restore.
        var store = new FunnelSessionStore(options);
        var inputs = streams.Checkpointed(Name, store);
        var late = outputs.LateClicks(Name, streams.Partition);
        var table = outputs.Table(FunnelTable.Definition, FunnelTable.Encoder);
        return Funnel.Build(inputs.Clicks, store, streams.Partition, late).Subscribe(FeatureOutputs.Rows(table));
    }
}
