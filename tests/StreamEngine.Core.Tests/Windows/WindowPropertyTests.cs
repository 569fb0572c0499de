using System.Reactive.Subjects;
using FsCheck;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Tests.Windows;

/// <summary>Random streams (FsCheck): the operators' final results equal brute force over the same arrivals.</summary>
public class WindowPropertyTests
{
    private const long OutOfOrderMs = 100;

    // (time, key, amount, arrival delay); arrival order = time + delay, so delays above OutOfOrderMs make late events.
    private static readonly Arbitrary<(long Time, string Key, long Amount, long Delay)[]> Streams = Arb.From(
        Gen.ArrayOf(
            from time in Gen.Choose(0, 2_000)
            from key in Gen.Elements("a", "b", "c")
            from amount in Gen.Choose(0, 9)
            from delay in Gen.Frequency(Tuple.Create(8, Gen.Choose(0, (int)OutOfOrderMs)), Tuple.Create(2, Gen.Choose(0, 600)))
            select ((long)time, key, (long)amount, (long)delay)));

    private static (long Time, TestEvent Event, long Watermark)[] Arrivals((long Time, string Key, long Amount, long Delay)[] stream)
    {
        var max = long.MinValue;
        return stream.OrderBy(s => s.Time + s.Delay).Select(s =>
        {
            max = Math.Max(max, s.Time);
            return (s.Time, new TestEvent(s.Key, s.Amount), max - OutOfOrderMs);
        }).ToArray();
    }

    [Theory]
    [InlineData(300, 100, 0)]
    [InlineData(300, 100, 150)]
    [InlineData(200, 200, 50)]
    [InlineData(250, 100, 120)]
    public void HoppingWindow_FinalResultsAndLateReportsEqualBruteForce_WithLateEventsInAndBeyondGrace(long size, long hop, long grace)
    {
        Prop.ForAll(Streams, stream =>
        {
            var arrivals = Arrivals(stream);
            var source = new Subject<StreamItem<TestEvent>>();
            var output = new Recorder<WindowResult<string, CountSum>>();
            var late = new LateRecorder<TestEvent>();
            source.HoppingWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(size), TimeSpan.FromMilliseconds(hop), TimeSpan.FromMilliseconds(grace), late)
                .Subscribe(output);
            var expected = new Dictionary<(string, Window), CountSum>();
            var expectedLate = new List<(long Time, int Missed, int Windows)>();
            var watermark = long.MinValue;
            foreach (var (time, e, wm) in arrivals)
            {
                source.Event(e, time, wm);
                watermark = Math.Max(watermark, wm);
                int missed = 0, windows = 0;
                for (var start = EventTimeFloor(time, hop); start > time - size; start -= hop)
                {
                    windows++;
                    if (start + size + grace > watermark)
                    {
                        var key = (e.Key, new Window(start, start + size));
                        expected.TryGetValue(key, out var cs);
                        expected[key] = new CountSum(cs.Count + 1, cs.Sum + e.Amount);
                    }
                    else
                    {
                        missed++;
                    }
                }

                if (missed > 0)
                {
                    expectedLate.Add((time, missed, windows)); // once per event, with the windows it missed
                }
            }

            source.OnCompleted();
            Assert.Equal(expectedLate, late.Items.Select(l => (l.TimeMs, l.MissedWindows, l.Windows)).ToList());
            Assert.Equal(expected, output.Final().ToDictionary(kv => kv.Key, kv => kv.Value.Result));
            Assert.All(output.Final().Values, r => Assert.Equal(r.Result.Count, r.Version));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void SessionWindow_WithinOutOfOrderness_EqualsBruteForce()
    {
        var onTime = Arb.From(Gen.ArrayOf(
            from time in Gen.Choose(0, 3_000)
            from key in Gen.Elements("a", "b")
            from amount in Gen.Choose(0, 9)
            from delay in Gen.Choose(0, (int)OutOfOrderMs)
            select (Time: (long)time, Key: key, Amount: (long)amount, Delay: (long)delay)));
        Prop.ForAll(onTime, stream =>
        {
            var source = new Subject<StreamItem<TestEvent>>();
            var output = new Recorder<WindowResult<string, CountSum>>();
            var late = new LateRecorder<TestEvent>();
            source.SessionWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(80), TimeSpan.Zero, late).Subscribe(output);
            foreach (var (time, e, wm) in Arrivals(stream))
            {
                source.Event(e, time, wm);
            }

            source.OnCompleted();
            Assert.Empty(late.Items);
            var expected = stream.Length == 0
                ? []
                : SessionWindowTests.SessionReference(stream.Select(s => (s.Time, new TestEvent(s.Key, s.Amount))), 80);
            Assert.Equal(expected, output.Final().ToDictionary(kv => kv.Key, kv => kv.Value.Result));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void SessionWindow_LateEventsWithinGrace_MergeIntoTheBruteForceSessions()
    {
        // Grace longer than the stream: every late event is accepted, extending or bridging fired sessions. The newest
        // row of each surviving session equals brute force; rows of sessions later absorbed lie inside a merged window.
        Prop.ForAll(Streams, stream =>
        {
            var source = new Subject<StreamItem<TestEvent>>();
            var output = new Recorder<WindowResult<string, CountSum>>();
            var late = new LateRecorder<TestEvent>();
            var op = source.SessionWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(60), TimeSpan.FromSeconds(10), late);
            op.Subscribe(output);
            foreach (var (time, e, wm) in Arrivals(stream))
            {
                source.Event(e, time, wm);
            }

            source.OnCompleted();
            Assert.Empty(late.Items);
            var final = output.Final();
            var surviving = final
                .Where(kv => !final.Keys.Any(o => o.Key == kv.Key.Key && o.Window != kv.Key.Window
                    && o.Window.StartMs <= kv.Key.Window.StartMs && o.Window.EndMs >= kv.Key.Window.EndMs))
                .ToDictionary(kv => kv.Key, kv => kv.Value.Result);
            var expected = stream.Length == 0
                ? []
                : SessionWindowTests.SessionReference(stream.Select(s => (s.Time, new TestEvent(s.Key, s.Amount))), 60);
            Assert.Equal(expected, surviving);
            Assert.Equal(0, ((IWindowOperatorState)op).StateCount);
        }).QuickCheckThrowOnFailure();
    }

    private static long EventTimeFloor(long time, long hop) => (long)Math.Floor(time / (double)hop) * hop;
}
