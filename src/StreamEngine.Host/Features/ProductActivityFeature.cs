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


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Clickstream];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [ProductActivityTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var late = outputs.LateClicks(Name, streams.Partition);
        var clicks = streams.Clicks.Publish();
        var activity = ProductActivity.Build(clicks, options, converter, streams.Partition, late);
        var table = outputs.Table(ProductActivityTable.Definition, ProductActivityTable.Encoder);
        var rows = FeatureOutputs.Rows(table);
        var minuteMs = (long)options.ActivityMinuteWindow.TotalMilliseconds;
        var status = outputs.Status;

        // Four direct subscriptions instead of Observable.Merge: Merge takes a lock per row, and the rows observer ignores
        // punctuations and completion, so merging adds nothing here (EndToEndBenchmarks). One observer per subscription:
        // Rx observers stop after their first OnCompleted.
        IObserver<StreamItem<ProductActivityRow>> Output() => Observer.Create<StreamItem<ProductActivityRow>>(
            item =>
            {
                rows.OnNext(item);
                if (!item.IsPunctuation)
                {
                    // Once per closed window row, not per click: feeds "top products now" on the status page.
                    status.RecordProductActivity(item.Value, minuteMs);
                }
            },
            rows.OnError);

        return new CompositeDisposable(
            activity.SkuMinute.Subscribe(Output()),
            activity.SkuHour.Subscribe(Output()),
            activity.CategoryMinute.Subscribe(Output()),
            activity.CategoryHour.Subscribe(Output()),
            clicks.Connect());
    }
}
