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

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [FunnelTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var late = outputs.LateClicks(Name, streams.Partition);
        var table = outputs.Table(FunnelTable.Definition, FunnelTable.Encoder);
        return Funnel.Build(streams.Clicks, options, streams.Partition, late).Subscribe(FeatureOutputs.Rows(table));
    }
}
