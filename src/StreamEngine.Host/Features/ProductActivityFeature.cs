using System.Reactive.Disposables;
using System.Reactive.Linq;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>Views, visitors, carts, purchases and revenue per product/category and country, minute and hour windows.</summary>
internal sealed class ProductActivityFeature(FeatureOptions options, CurrencyConverter converter) : IFeature
{
    public string Name => "product_activity";

    public InputTopic StateInput => InputTopic.Clickstream;

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [ProductActivityTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var late = outputs.LateEvents.For<ClickEvent>(Name, "clickstream", streams.Partition, static e => e.Type.ToString());
        var clicks = streams.Clicks.Publish();
        var activity = ProductActivity.Build(clicks, options, converter, streams.Partition, late);
        var table = outputs.Table(ProductActivityTable.Definition, ProductActivityTable.Encoder);
        // Four direct subscriptions instead of Observable.Merge: Merge takes a lock per row, and the rows observer ignores
        // punctuations and completion, so merging adds nothing here (EndToEndBenchmarks).
        return new CompositeDisposable(
            activity.SkuMinute.Subscribe(FeatureOutputs.Rows(table)),
            activity.SkuHour.Subscribe(FeatureOutputs.Rows(table)),
            activity.CategoryMinute.Subscribe(FeatureOutputs.Rows(table)),
            activity.CategoryHour.Subscribe(FeatureOutputs.Rows(table)),
            clicks.Connect());
    }
}
