using BenchmarkDotNet.Attributes;
using StreamEngine.Benchmarks.Support;
using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Per-event cost of the sliding and session operators, the HyperLogLog add and the top-N add. Each invocation pushes
/// 1M pre-generated events into one long-lived subscription whose event time keeps advancing (steady state, state
/// reused); excluded: generating the events. Sliding: 10,000 products, 5 min window in 60 buckets, 100 events/s.
/// Session: 20,000 users, 30 s gap, 1 event/ms, so a user's mean inter-event time is 20 s and sessions keep closing.
/// </summary>
[MemoryDiagnoser]
public class WindowKernelOperatorBenchmarks
{
    private const int EventCount = 1_000_000;
    private int[] _keys = [];
    private ulong[] _hashes = [];
    private PushSource<ProductEvent> _slidingSource = new(), _sessionSource = new();
    private ResultSink<int, long> _slidingSink = new(), _sessionSink = new();
    private long _slidingEpoch, _sessionEpoch;
    private HyperLogLog _sketch;
    private TopNState<int> _top;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _keys = new int[EventCount];
        _hashes = new ulong[EventCount];
        for (var i = 0; i < EventCount; i++)
        {
            _keys[i] = random.Next(20_000);
            _hashes[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63); // NextInt64 alone leaves the top bit 0
        }

        _slidingSource.SlidingAggregate(static e => e.ProductId % 10_000, new CountAggregate<ProductEvent>(), TimeSpan.FromMinutes(5))
            .Subscribe(_slidingSink);
        _sessionSource.SessionWindow(static e => e.ProductId, new CountAggregate<ProductEvent>(), TimeSpan.FromSeconds(30), TimeSpan.Zero)
            .Subscribe(_sessionSink);
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long SlidingCount5Min()
    {
        var observer = _slidingSource.Observer!;
        for (var i = 0; i < _keys.Length; i++)
        {
            var timeMs = _slidingEpoch + (i * 10L);
            observer.OnNext(StreamItem.Event(new ProductEvent(_keys[i], false), timeMs, timeMs, i));
        }

        _slidingEpoch += _keys.Length * 10L;
        return _slidingSink.Results;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long SessionCount30sGap()
    {
        var observer = _sessionSource.Observer!;
        for (var i = 0; i < _keys.Length; i++)
        {
            var timeMs = _sessionEpoch + i;
            observer.OnNext(StreamItem.Event(new ProductEvent(_keys[i], false), timeMs, timeMs, i));
        }

        _sessionEpoch += _keys.Length;
        return _sessionSink.Results;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public double HyperLogLogAdd()
    {
        for (var i = 0; i < _hashes.Length; i++)
        {
            _sketch.Add(_hashes[i]);
        }

        return _sketch.IsEmpty ? 0 : 1;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public int TopTenAdd()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            _top.Add(10, _keys[i], (long)(_hashes[i] >> 40));
        }

        return _top.Count;
    }
}
