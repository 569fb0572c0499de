using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>Top products per category and 5-minute window by views and purchases, into <c>trending_products</c>.</summary>
internal sealed class TrendingFeature(FeatureOptions options) : IFeature
{
    public string Name => "trending";

    public InputTopic StateInput => InputTopic.Clickstream;

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [TrendingProductsTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var late = outputs.LateClicks(Name, streams.Partition);
        var table = outputs.Table(TrendingProductsTable.Definition, TrendingProductsTable.Encoder);
        return Trending.Build(streams.Clicks, options, streams.Partition, late).Subscribe(FeatureOutputs.Rows(table));
    }
}
