using StreamEngine.ClickHouse;
using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Operators;
using StreamEngine.Host.Engine;
using StreamEngine.Host.Features;

namespace StreamEngine.IntegrationTests.Readme;

// README.md's "Adding a feature" shows the region below verbatim; ReadmeExampleTests keeps the two equal and runs it.
#region README
internal sealed class CategorySearchFeature(FeatureOptions options) : IFeature
{
    public static readonly ClickHouseTableDefinition Table = ClickHouseTableDefinition.ReplacingMergeTree(
        "category_searches",
        [new("window_start", "DateTime"), new("category", "String"), new("source_partition", "UInt16"),
         new("searches", "UInt64"), new("version", "UInt64")],
        versionColumn: "version", orderBy: "(category, window_start, source_partition)", dayColumn: "window_start");

    public string Name => "category_searches";
    public InputTopic StateInput => InputTopic.Clickstream;
    public IReadOnlyList<InputTopic> Inputs => [InputTopic.Clickstream];
    public IReadOnlyList<ClickHouseTableDefinition> Tables => [Table];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs) =>
        streams.Clicks
            .Keep(static e => e.Type == ClickEventType.Search && e.Category is not null)
            .TumblingWindow(static e => e.Category!, new CountAggregate<ClickEvent>(), TimeSpan.FromMinutes(5), options.Grace,
                            outputs.LateClicks(Name, streams.Partition))
            .MapEvents(r => new CategorySearches(r.Value.Window.StartMs, r.Value.Key, streams.Partition, r.Value.Result, r.Value.Version))
            .Subscribe(FeatureOutputs.Rows(outputs.Table(Table, CategorySearchesEncoder.Instance)));
}

internal readonly record struct CategorySearches(long WindowStartMs, string Category, int Partition, long Searches, long Version);

internal sealed class CategorySearchesEncoder : IRowEncoder<CategorySearches>
{
    public static readonly CategorySearchesEncoder Instance = new();

    public void Encode(in CategorySearches row, RowBinaryWriter writer)
    {
        writer.WriteDateTimeFromUnixMs(row.WindowStartMs);
        writer.WriteString(row.Category);
        writer.WriteUInt16((ushort)row.Partition);
        writer.WriteUInt64((ulong)row.Searches);
        writer.WriteUInt64((ulong)row.Version);
    }
}
#endregion
