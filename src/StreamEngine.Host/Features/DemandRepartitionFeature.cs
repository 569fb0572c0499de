using System.Reactive.Disposables;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>
/// The repartition step of safety stock: each purchase (clickstream, keyed by user) becomes a <see cref="DemandEvent"/>
/// produced to the internal demand topic keyed by SKU, with the purchase's event time as Kafka timestamp, so the task
/// that owns the SKU's inventory partition consumes it (docs/architecture.md). Stateless.
/// </summary>
internal sealed class DemandRepartitionFeature(string demandTopic, FulfilmentOptions fulfilment, CurrencyConverter converter) : IFeature
{
    // SKU -> key bytes; SKUs are interned by the decoder, so the cache is bounded by the catalogue. Consume thread only.
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public string Name => "demand_repartition";

    public InputTopic StateInput => InputTopic.Clickstream;

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(outputs);
        var encoder = new DemandMessageEncoder();
        var subscription = streams.Clicks.Subscribe(
            item =>
            {
                if (item.IsPunctuation || item.Value.Type != ClickEventType.Purchase || item.Value.Sku is not { Length: > 0 } sku)
                {
                    return;
                }

                var click = item.Value;
                var demand = new DemandEvent(
                    sku,
                    fulfilment.WarehouseFor(click.Country),
                    click.Quantity,
                    converter.Convert(click.PriceCents * click.Quantity, click.Currency),
                    click.Category ?? string.Empty);
                outputs.Kafka.Produce(demandTopic, Key(sku), encoder.Encode(click.EventId, item.TimeMs, demand), item.TimeMs);
            },
            error => throw new InvalidOperationException($"Clickstream feeding '{Name}' failed.", error));
        return new CompositeDisposable(subscription, encoder);
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
