using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>
/// Per-partition product counts per category and 5-minute window into <c>trending_counts</c>; the global top N and
/// rank changes are <see cref="TrendingRankingQuery"/> over them (docs/features.md says why not in the stream).
/// </summary>
internal sealed class TrendingFeature(FeatureOptions options) : IFeature
{
    public string Name => "trending";

    public InputTopic StateInput => InputTopic.Clickstream;


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Clickstream];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [TrendingCountsTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var late = outputs.LateClicks(Name, streams.Partition);
        var table = outputs.Table(TrendingCountsTable.Definition, TrendingCountsTable.Encoder);
        return Trending.Build(streams.Clicks, options, streams.Partition, late).Subscribe(FeatureOutputs.Rows(table));
    }
}
