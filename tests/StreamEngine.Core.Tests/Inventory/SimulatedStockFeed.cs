using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Simulation;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Inventory;

/// <summary>
/// The inventory and demand inputs of one partition task, from a simulated storefront (3 weeks, 40 products, 3
/// warehouses): inventory records in topic order; demand derived from each purchase as the repartition step does and
/// arriving up to a few hundred records later (its Kafka round trip), so some of it is late; every item stamped with
/// the watermark (largest event time so far − 10 s); punctuations now and then, and the end-of-input watermark last.
/// </summary>
internal sealed class SimulatedStockFeed
{
    private const long OutOfOrdernessMs = 10_000;
    private const int PunctuationEvery = 500;
    private const int MaxDemandDelayRecords = 300;

    private static readonly Lazy<SimulatedStockFeed> SharedFeed = new(() => Create(new SimulatorOptions
    {
        Seed = 11,
        EventCount = 150_000,
        Duration = TimeSpan.FromDays(21),
        Users = 3_000,
        Products = 40,
    }));

    private SimulatedStockFeed(List<StockFeedItem> items) => Items = items;

    /// <summary>One feed shared by the tests (generated once per test process).</summary>
    public static SimulatedStockFeed Shared => SharedFeed.Value;

    public IReadOnlyList<StockFeedItem> Items { get; }

    public static SimulatedStockFeed Create(SimulatorOptions options)
    {
        var pseudonymizer = new Pseudonymizer("stock-feed");
        var interner = new Utf8Interner();
        var clicks = new ClickEventDecoder(pseudonymizer, interner, new DecoderOptions());
        var stock = new InventoryEventDecoder(pseudonymizer, interner, new DecoderOptions());
        var converter = new CurrencyConverter(new FeatureOptions());
        var fulfilment = new FulfilmentOptions();
        var delays = new Random(options.Seed);
        var pending = new PriorityQueue<(DemandEvent Demand, long TimeMs), (long Due, long Sequence)>();
        var items = new List<StockFeedItem>();
        long maxTimeMs = long.MinValue;
        long inventoryOffset = 0;
        long demandOffset = 0;
        long index = 0;

        long Watermark() => maxTimeMs == long.MinValue ? long.MinValue : maxTimeMs - OutOfOrdernessMs;

        void Observe(long timeMs) => maxTimeMs = Math.Max(maxTimeMs, timeMs);

        foreach (var record in new StorefrontSimulator(options).Generate())
        {
            index++;
            while (pending.TryPeek(out var due, out var at) && at.Due <= index)
            {
                pending.Dequeue();
                Observe(due.TimeMs);
                items.Add(StockFeedItem.Of(StreamItem.Event(due.Demand, due.TimeMs, Watermark(), demandOffset++)));
            }

            if (record.Topic == options.Topics.Inventory)
            {
                Assert.True(stock.TryDecode(record.Value, record.TimestampMs, out var e).IsOk);
                Observe(e.TimeMs);
                items.Add(StockFeedItem.Of(StreamItem.Event(e, e.TimeMs, Watermark(), inventoryOffset++)));
            }
            else if (record.Topic == options.Topics.Clickstream
                && clicks.TryDecode(record.Value, record.TimestampMs, out var click).IsOk
                && click.Type == ClickEventType.Purchase && click.Sku is { Length: > 0 } sku)
            {
                var demand = new DemandEvent(
                    sku, fulfilment.WarehouseFor(click.Country), click.Quantity,
                    converter.Convert(click.PriceCents * click.Quantity, click.Currency), click.Category ?? string.Empty);
                pending.Enqueue((demand, click.TimeMs), (index + delays.Next(MaxDemandDelayRecords), index));
            }

            if (index % PunctuationEvery == 0)
            {
                items.Add(StockFeedItem.Of(StreamItem.Punctuation<InventoryEvent>(Watermark())));
                items.Add(StockFeedItem.Of(StreamItem.Punctuation<DemandEvent>(Watermark())));
            }
        }

        while (pending.TryDequeue(out var due, out _))
        {
            Observe(due.TimeMs);
            items.Add(StockFeedItem.Of(StreamItem.Event(due.Demand, due.TimeMs, Watermark(), demandOffset++)));
        }

        items.Add(StockFeedItem.Of(StreamItem.Punctuation<InventoryEvent>(long.MaxValue)));
        items.Add(StockFeedItem.Of(StreamItem.Punctuation<DemandEvent>(long.MaxValue)));
        return new SimulatedStockFeed(items);
    }
}
