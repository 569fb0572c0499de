using BenchmarkDotNet.Attributes;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Safety-stock state: one demand event (per-event path, expected 0 B) and one bucket close per SKU (statistics,
/// ABC sort, threshold). Excluded: building the events and SKU strings (GlobalSetup), the Rx plumbing, and the
/// consumer of the output list (cleared, capacity kept).
/// </summary>
[MemoryDiagnoser]
public class SafetyStockBenchmarks
{
    private const long Day = 86_400_000;
    private readonly List<StreamItem<SafetyStockOutput>> _output = new(capacity: 1 << 20);
    private SafetyStockState _state = null!;
    private DemandEvent[] _events = [];
    private int _next;
    private long _day;
    private long _tick;

    [Params(1_000, 100_000)]
    public int Skus { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = new SafetyStockState(new SafetyStockOptions());
        _events = new DemandEvent[Skus];
        string[] categories = ["shoes", "hats", "bags", "toys"];
        for (var i = 0; i < Skus; i++)
        {
            _events[i] = new DemandEvent($"SKU-{i:D6}", $"W{i % 5}", 1 + (i % 7), 1999L * (1 + (i % 13)), categories[i % categories.Length]);
        }

        // 30 days of history so every SKU has a threshold and a full window.
        for (_day = 0; _day < 30; _day++)
        {
            foreach (var e in _events)
            {
                _state.OnDemand(e, (_day * Day) + 1, long.MinValue, 0, _output);
            }

            _state.AdvanceWatermark((_day + 1) * Day, 0, _output);
            _output.Clear();
        }
    }

    /// <summary>One demand event: SKU lookup, bucket add, on-hand move, ROP check.</summary>
    [Benchmark]
    public int DemandEvent()
    {
        var e = _events[_next];
        _next = _next + 1 == _events.Length ? 0 : _next + 1;

        // Event time moves forward 1 ms per event with the watermark 1 s behind, as in a live stream, so remembered
        // stock movements are pruned as the watermark passes them (steady state, no growth).
        _tick = (_tick + 1) % (Day - 2_000);
        var timeMs = (_day * Day) + 1_000 + _tick;
        _state.OnDemand(e, timeMs, timeMs - 1_000, 0, _output);
        var produced = _output.Count;
        _output.Clear();
        return produced;
    }

    /// <summary>Closing one bucket for all SKUs (divide by <see cref="Skus"/> for the per-SKU cost).</summary>
    [Benchmark]
    public int DailyRecompute()
    {
        // One sale in the closing bucket keeps the state "live" (closing stops one lookback after the newest event).
        _state.OnDemand(_events[0], (_day * Day) + 1, _day * Day, 0, _output);
        _day++;
        _state.AdvanceWatermark(_day * Day, 0, _output);
        var produced = _output.Count;
        _output.Clear();
        return produced;
    }
}
