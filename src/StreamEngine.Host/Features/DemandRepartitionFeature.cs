using System.Reactive.Disposables;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>
/// The repartition step of safety stock: each purchase line (clickstream, keyed by user) and each line of a refund that
/// carries its items (transactions) becomes a <see cref="DemandEvent"/> produced to the internal demand topic keyed by
/// SKU, with the source event's time as Kafka timestamp, so the task that owns the SKU's inventory partition consumes
/// it. As the task's watermark advances it also writes it into every demand partition (a watermark record per
/// partition), so consuming tasks close a day only once every producer has passed it (docs/architecture.md).
/// </summary>
internal sealed class DemandRepartitionFeature(
    string demandTopic, FulfilmentOptions fulfilment, CurrencyConverter converter, TimeSpan bucketSize, TimeSpan idleTimeout) : IFeature
{
    // SKU -> key bytes; SKUs are interned by the decoder, so the cache is bounded by the catalogue. Consume thread only.
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public string Name => "demand_repartition";

    public InputTopic StateInput => InputTopic.Clickstream;


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Clickstream, InputTopic.Transactions];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(outputs);
        var encoder = new DemandMessageEncoder();

        // Written well within the consumers' idle timeout, so a producer whose watermark advances is never taken for idle.
        var schedule = new WatermarkBroadcastSchedule((long)bucketSize.TotalMilliseconds, idleTimeout / 3, outputs.Time);
        var demandPartitions = outputs.Topics.DemandPartitions;

        // Only a task that consumes clickstream/transactions partition p produces demand as source p; one that has seen
        // none of their events (e.g. an inventory-only partition number) writes no watermark in p's name.
        var isProducer = false;
        var isSource = streams.Partition < outputs.Topics.ClickstreamPartitions;

        void OnWatermark(long watermarkMs)
        {
            if (!isProducer || !schedule.ShouldWrite(watermarkMs))
            {
                return;
            }

            var record = encoder.EncodeWatermark(streams.Partition, watermarkMs);
            for (var partition = 0; partition < demandPartitions; partition++)
            {
                outputs.Kafka.Produce(demandTopic, partition, key: null, record, watermarkMs);
            }
        }

        var purchases = streams.Clicks.Subscribe(
            item =>
            {
                if (!item.IsPunctuation && item.Value.Type == ClickEventType.Purchase && item.Value.Sku is { Length: > 0 } sku)
                {
                    var demand = StorefrontDemand.FromPurchase(item.Value, fulfilment, converter);
                    var record = encoder.Encode(item.Value.EventId, item.TimeMs, demand, streams.Partition, item.Offset);
                    outputs.Kafka.Produce(demandTopic, Key(sku), record, item.TimeMs);
                }

                isProducer |= isSource && !item.IsPunctuation;
                OnWatermark(item.WatermarkMs);
            },
            error => throw new InvalidOperationException($"Clickstream feeding '{Name}' failed.", error));
        var refunds = streams.Payments.Subscribe(
            item =>
            {
                if (!item.IsPunctuation && item.Value.Type == PaymentEventType.Refunded)
                {
                    var refund = item.Value;
                    for (var line = 0; line < refund.Items.Length; line++)
                    {
                        var demand = StorefrontDemand.FromRefundLine(refund, refund.Items[line], fulfilment, converter);
                        var record = encoder.EncodeRefundLine(refund.EventId, line, item.TimeMs, demand, streams.Partition, item.Offset);
                        outputs.Kafka.Produce(demandTopic, Key(demand.Sku), record, item.TimeMs);
                    }
                }

                isProducer |= isSource && !item.IsPunctuation;
                OnWatermark(item.WatermarkMs);
            },
            error => throw new InvalidOperationException($"Transactions feeding '{Name}' failed.", error));
        return new CompositeDisposable(purchases, refunds, encoder);
    }

    private byte[] Key(string sku)
    {
        if (!_keys.TryGetValue(sku, out var key))
        {
            key = System.Text.Encoding.UTF8.GetBytes(sku);
            _keys.Add(sku, key);
        }

        return key;
    }
}
