using System.Reactive.Linq;
using System.Reactive.Subjects;
using BenchmarkDotNet.Attributes;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Simulation;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Benchmarks;

/// <summary>
/// The product-activity feature per click: minute tumbling and hour hopping windows per (SKU, country) and (category,
/// country), each result turned into a row and RowBinary-encoded, as the engine does (about 3.5 rows per product event
/// on the simulated mix). Variants prove the feature's two tricks: <see cref="ClonedSketchMerged"/> is the previous
/// shape (sketch cloned per result, outputs merged with Observable.Merge), <see cref="SharedSketchMerged"/> drops the
/// clone (<see cref="ProductActivityRowAggregate"/>), <see cref="SharedSketchDirect"/> also subscribes the four
/// outputs directly. Excluded: simulating and decoding the clicks (GlobalSetup), building the pipeline (IterationSetup).
/// </summary>
[MemoryDiagnoser]
public class ProductActivityBenchmarks
{
    private const int Events = 300_000;
    private readonly FeatureOptions _options = new();
    private StreamItem<ClickEvent>[] _clicks = [];
    private RowBinaryWriter _writer = null!;
    private Subject<StreamItem<ClickEvent>> _source = null!;
    private System.Reactive.Disposables.CompositeDisposable? _subscription;

    [GlobalSetup]
    public void Setup()
    {
        var decoder = new ClickEventDecoder(new Pseudonymizer("benchmark-secret-0123456789abcdef"), new Utf8Interner(), new DecoderOptions());
        var clicks = new List<StreamItem<ClickEvent>>();
        var watermark = long.MinValue;
        foreach (var record in new StorefrontSimulator(new SimulatorOptions { EventCount = Events, Seed = 42 }).Generate())
        {
            if (record.Topic == "clickstream" && decoder.TryDecode(record.Value, record.TimestampMs, out var click).IsOk)
            {
                clicks.Add(StreamItem.Event(click, click.TimeMs, watermark, clicks.Count));
                watermark = Math.Max(watermark, click.TimeMs - 5_000);
            }
        }

        _clicks = [.. clicks];
        _writer = new RowBinaryWriter(64 * 1024 * 1024);
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [IterationSetup(Target = nameof(ClonedSketchMerged))]
    public void BuildCloned() => Build(new ProductActivityAggregate(new CurrencyConverter(_options)), merge: true);

    [IterationSetup(Target = nameof(SharedSketchMerged))]
    public void BuildSharedMerged() => Build(new ProductActivityRowAggregate(new CurrencyConverter(_options)), merge: true);

    [IterationSetup(Target = nameof(SharedSketchDirect))]
    public void BuildSharedDirect() => Build(new ProductActivityRowAggregate(new CurrencyConverter(_options)), merge: false);

    [IterationCleanup]
    public void Unsubscribe() => _subscription?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long ClonedSketchMerged() => Push();

    [Benchmark(OperationsPerInvoke = Events)]
    public long SharedSketchMerged() => Push();

    [Benchmark(OperationsPerInvoke = Events)]
    public long SharedSketchDirect() => Push();

    private long Push()
    {
        foreach (var click in _clicks)
        {
            _source.OnNext(click);
        }

        _source.OnNext(StreamItem.Punctuation<ClickEvent>(long.MaxValue));
        return _writer.Length;
    }

    // Mirrors ProductActivity.Build with a chosen aggregate and output wiring.
    private void Build<TAggregate>(TAggregate aggregate, bool merge)
        where TAggregate : IWindowAggregate<ClickEvent, ProductActivityState, ProductActivityState>
    {
        _writer.Clear();
        _source = new Subject<StreamItem<ClickEvent>>();
        var bySku = _source.Keep(static e => ProductActivity.IsProductEvent(e) && e.Sku is not null);
        var byCategory = _source.Keep(static e => ProductActivity.IsProductEvent(e) && e.Category is not null);
        static (string, string) SkuKey(ClickEvent e) => (e.Sku!, e.Country);
        static (string, string) CategoryKey(ClickEvent e) => (e.Category!, e.Country);
        IObservable<StreamItem<ProductActivityRow>>[] outputs =
        [
            Rows(bySku.TumblingWindow(SkuKey, aggregate, _options.ActivityMinuteWindow, _options.Grace), ActivityDimension.Sku),
            Rows(bySku.HoppingWindow(SkuKey, aggregate, _options.ActivityHourWindow, _options.ActivityHourHop, _options.Grace), ActivityDimension.Sku),
            Rows(byCategory.TumblingWindow(CategoryKey, aggregate, _options.ActivityMinuteWindow, _options.Grace), ActivityDimension.Category),
            Rows(byCategory.HoppingWindow(CategoryKey, aggregate, _options.ActivityHourWindow, _options.ActivityHourHop, _options.Grace), ActivityDimension.Category),
        ];
        var subscriptions = new System.Reactive.Disposables.CompositeDisposable();
        if (merge)
        {
            subscriptions.Add(outputs.Merge().Subscribe(Encode, static e => throw e));
        }
        else
        {
            foreach (var output in outputs)
            {
                subscriptions.Add(output.Subscribe(Encode, static e => throw e));
            }
        }

        _subscription = subscriptions;
    }

    private void Encode(StreamItem<ProductActivityRow> item)
    {
        if (!item.IsPunctuation)
        {
            ProductActivityTable.Encoder.Encode(item.Value, _writer);
        }
    }

    private static IObservable<StreamItem<ProductActivityRow>> Rows(
        IObservable<StreamItem<WindowResult<(string, string), ProductActivityState>>> results, ActivityDimension dimension) =>
        results.MapEvents(item => ProductActivity.ToRow(item.Value, dimension, 0));
}
