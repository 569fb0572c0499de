using FsCheck;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Features;

/// <summary>
/// FsCheck: for any generated traffic and any arrival order within the allowed out-of-orderness, every feature's
/// result (after ReplacingMergeTree collapsing) equals the result of the same events in time order.
/// </summary>
public sealed class OrderIndependenceProperties
{
    private static readonly FeatureOptions Options = new() { IntentThreshold = 3 };
    private static readonly Gen<(int Data, int Order, int Disorder)> Cases =
        from data in Gen.Choose(1, 10_000)
        from order in Gen.Choose(1, 10_000)
        from disorder in Gen.Elements(1, 30_000, 120_000)
        select (data, order, disorder);

    [Fact]
    public void EveryFeature_IsIndependentOfArrivalOrderWithinOutOfOrderness() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            var events = ClickGenerator.Generate(c.Data, users: 25, startMs: 1_700_000_000_000, spanMs: 3_600_000, skus: 8);
            var inOrder = StreamFeed.Arrange(ReferenceMath.Ordered(events), c.Disorder, c.Order).OrderBy(a => a.Event.TimeMs).ThenBy(a => a.Event.EventId)
                .Select((a, i) => a with { WatermarkMs = a.Event.TimeMs - c.Disorder, Offset = i }).ToList();
            var shuffled = StreamFeed.Arrange(events, c.Disorder, c.Order);
            return Same(inOrder, shuffled, clicks => ProductActivity.Build(clicks, Options, new CurrencyConverter(Options), 0).All,
                       r => (r.Dimension, r.WindowSizeMs, r.Key, r.Country, r.WindowStartMs), r => r.Version)
                && Same(inOrder, shuffled, clicks => Sessions.Build(clicks, Options, new CurrencyConverter(Options), 0), r => (r.SessionId, r.StartMs), r => r.Version)
                && Same(inOrder, shuffled, clicks => Funnel.Build(clicks, Options, 0), r => (r.Channel, r.WindowStartMs), r => r.Version)
                && Same(inOrder, shuffled, clicks => Trending.Build(clicks, Options, 0), r => (r.Category, r.Sku, r.WindowStartMs), r => r.Version)
                && Same(inOrder, shuffled, clicks => UserProfiles.Build(clicks, Options, new CurrencyConverter(Options), 0), r => r.UserId, r => r.Version)
                && Same(inOrder, shuffled, clicks => PurchaseIntent.Build(clicks, Options, 0), r => (r.UserId, r.Category, r.TimeMs), r => r.Version)
                && Same(inOrder, shuffled, clicks => Anomalies.Build(clicks, new FeatureOptions { AnomalyZ = 1, AnomalyWarmupMinutes = 3, AnomalyConsecutiveMinutes = 1 }, 0),
                       r => (r.Category, r.Country, r.Metric, r.MinuteStartMs), r => r.Version);
        }).Check(new Configuration { MaxNbOfTest = 25, QuietOnSuccess = true, Runner = Config.QuickThrowOnFailure.Runner });

    private static bool Same<T, TKey>(
        List<Arrival> inOrder,
        List<Arrival> shuffled,
        Func<IObservable<StreamItem<ClickEvent>>, IObservable<StreamItem<T>>> build,
        Func<T, TKey> identity,
        Func<T, long> version)
        where TKey : notnull
    {
        var expected = StreamFeed.Latest(StreamFeed.Events(StreamFeed.Run(inOrder, build)), identity, version);
        var actual = StreamFeed.Latest(StreamFeed.Events(StreamFeed.Run(shuffled, build)), identity, version);
        return expected.Count == actual.Count && expected.All(kv => actual.TryGetValue(kv.Key, out var a) && Equal(kv.Value, a));
    }

    // Row structs holding arrays (visitor sketches) compare those by content.
    private static bool Equal<T>(T a, T b) =>
        a is ProductActivityRow x && b is ProductActivityRow y
            ? x with { VisitorSketch = [] } == y with { VisitorSketch = [] } && x.VisitorSketch.AsSpan().SequenceEqual(y.VisitorSketch)
            : EqualityComparer<T>.Default.Equals(a, b);
}
