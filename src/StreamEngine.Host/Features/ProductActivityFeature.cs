using System.Reactive;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;
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
        var minuteRows = FeatureOutputs.Rows(table);
        var minuteMs = (long)options.ActivityMinuteWindow.TotalMilliseconds;
        var status = outputs.Status;

        // Four direct subscriptions (as on the perf branch: Merge locks per row), each with its own rows observer.
        // Per-SKU minute rows also feed "top products now" on the status page (once per closed window row, not per click).
        var skuMinute = Observer.Create<StreamItem<ProductActivityRow>>(
            item =>
            {
                minuteRows.OnNext(item);
                if (!item.IsPunctuation)
                {
                    status.RecordProductActivity(item.Value, minuteMs);
                }
            },
            minuteRows.OnError,
            minuteRows.OnCompleted);
        return new CompositeDisposable(
            activity.SkuMinute.Subscribe(skuMinute),
            activity.SkuHour.Subscribe(FeatureOutputs.Rows(table)),
            activity.CategoryMinute.Subscribe(FeatureOutputs.Rows(table)),
            activity.CategoryHour.Subscribe(FeatureOutputs.Rows(table)),
            clicks.Connect());
    }
}
