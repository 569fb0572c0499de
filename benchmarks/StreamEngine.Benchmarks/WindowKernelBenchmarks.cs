using BenchmarkDotNet.Attributes;
using StreamEngine.Benchmarks.Support;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Benchmarks;

/// <summary>
/// The issue-8 window kernel query (Trill's comparison): 10M in-memory events, per-product view and purchase counts over
/// 10,000 products, 60 s tumbling and 60 s windows hopping every 10 s, one thread, through StreamEngine's Rx operators.
/// Event time advances 10 events per ms (a 10,000 events/s shop), in order, watermark = event time, so the 10M events
/// span 1,000 s. Each invocation pushes the 10M events into one long-lived subscription whose time keeps advancing (the
/// steady state: pane dictionaries are reused); results go to a checksum observer. Excluded from the measurement:
/// generating the events and checking the results against a plain Dictionary loop (done once in GlobalSetup).
/// </summary>
[MemoryDiagnoser]
public class WindowKernelBenchmarks
{
    public const int EventCount = 10_000_000;
    public const int Products = 10_000;
    private const int EventsPerMs = 10;
    private const long SpanMs = EventCount / EventsPerMs;

    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    private int[] _events = [];  // product id, sign bit = purchase (5 %)
    private PushSource<ProductEvent> _tumblingSource = new(), _hoppingSource = new();
    private ResultSink<int, ViewPurchase> _tumblingSink = new(), _hoppingSink = new();
    private long _tumblingEpoch, _hoppingEpoch;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _events = new int[EventCount];
        for (var i = 0; i < EventCount; i++)
        {
            var product = random.Next(Products);
            _events[i] = random.Next(100) < 5 ? ~product : product;
        }

        Verify(Minute, Minute);
        Verify(Minute, TenSeconds);
        _tumblingSource = new PushSource<ProductEvent>();
        _tumblingSource.TumblingWindow(static e => e.ProductId, new ViewPurchaseCounts(), Minute, TimeSpan.Zero).Subscribe(_tumblingSink);
        _hoppingSource = new PushSource<ProductEvent>();
        _hoppingSource.HoppingWindow(static e => e.ProductId, new ViewPurchaseCounts(), Minute, TenSeconds, TimeSpan.Zero).Subscribe(_hoppingSink);
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long Tumbling60s()
    {
        Push(_tumblingSource.Observer!, _tumblingEpoch);
        _tumblingEpoch += SpanMs;
        return _tumblingSink.Results;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long Hopping60sEvery10s()
    {
        Push(_hoppingSource.Observer!, _hoppingEpoch);
        _hoppingEpoch += SpanMs;
        return _hoppingSink.Results;
    }

    /// <summary>The yardstick: the tumbling query as a plain Dictionary loop (no Rx, no watermark handling).</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public long PlainDictionaryLoopTumbling() => DictionaryLoop(60_000, 60_000).Count;

    private void Push(IObserver<StreamItem<ProductEvent>> observer, long epochMs)
    {
        var events = _events;
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            var timeMs = epochMs + (i / EventsPerMs);
            observer.OnNext(StreamItem.Event(new ProductEvent(e < 0 ? ~e : e, e < 0), timeMs, timeMs, i));
        }
    }

    private Dictionary<(int, long), ViewPurchase> DictionaryLoop(long sizeMs, long hopMs)
    {
        var result = new Dictionary<(int, long), ViewPurchase>();
        for (var i = 0; i < _events.Length; i++)
        {
            var e = _events[i];
            long timeMs = i / EventsPerMs;
            for (var start = timeMs / hopMs * hopMs; start > timeMs - sizeMs; start -= hopMs)
            {
                ref var counts = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(result, (e < 0 ? ~e : e, start), out _);
                counts = e < 0 ? counts with { Purchases = counts.Purchases + 1 } : counts with { Views = counts.Views + 1 };
            }
        }

        return result;
    }

    private void Verify(TimeSpan size, TimeSpan hop)
    {
        var source = new PushSource<ProductEvent>();
        var sink = new ResultSink<int, ViewPurchase> { Collected = [] };
        source.HoppingWindow(static e => e.ProductId, new ViewPurchaseCounts(), size, hop, TimeSpan.Zero).Subscribe(sink);
        Push(source.Observer!, 0);
        source.Observer!.OnCompleted();
        var expected = DictionaryLoop((long)size.TotalMilliseconds, (long)hop.TotalMilliseconds);
        if (expected.Count != sink.Collected!.Count || expected.Any(kv => !sink.Collected.TryGetValue(kv.Key, out var v) || v != kv.Value))
        {
            throw new InvalidOperationException($"Window operator ({size}/{hop}) disagrees with the Dictionary loop.");
        }
    }
}
