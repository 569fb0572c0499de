using System.Reactive.Subjects;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Tests.Windows;

public class HoppingWindowTests
{
    [Fact]
    public void EachEvent_CountsInEverySizeOverHopWindow()
    {
        // size 60, hop 20 (panes of 20):
        //   [-40,20) [-20,40) [0,60) [20,80) [40,100)
        //   t=45 is in [0,60) [20,80) [40,100)
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        source.HoppingWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(20), TimeSpan.Zero)
            .Subscribe(output);
        source.Event(new TestEvent("a", 1), 45, 0);
        source.OnCompleted();
        Assert.Equal([new Window(0, 60), new Window(20, 80), new Window(40, 100)], output.Events.Select(e => e.Value.Window));
    }

    [Fact]
    public void NonDividingHop_UsesGcdPanes_AndMatchesBruteForce()
    {
        // size 50, hop 20: panes of gcd = 10.
        var random = new Random(5);
        var events = Enumerable.Range(0, 2_000)
            .Select(i => (Time: (long)random.Next(0, 1_000), Event: new TestEvent(((char)('a' + random.Next(5))).ToString(), random.Next(100))))
            .OrderBy(e => e.Time)
            .ToArray();
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        source.HoppingWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20), TimeSpan.Zero)
            .Subscribe(output);
        foreach (var (time, e) in events)
        {
            source.Event(e, time, time);
        }

        source.OnCompleted();
        var expected = WindowReference.Hopping(events, 50, 20);
        Assert.Equal(expected.Count, output.Events.Count); // in order: exactly one emission per key and window
        Assert.Equal(expected, output.Final().ToDictionary(kv => kv.Key, kv => kv.Value.Result));
    }

    [Fact]
    public void ShuffledWithinOutOfOrderness_EqualsInOrderResults()
    {
        var random = new Random(9);
        var ordered = Enumerable.Range(0, 5_000)
            .Select(i => (Time: (long)(i * 3), Event: new TestEvent(((char)('a' + random.Next(7))).ToString(), random.Next(10))))
            .ToArray();
        // Displace each event by at most 200 ms, with out-of-orderness 200 ms: none may be late.
        var shuffled = ordered.OrderBy(e => e.Time + random.Next(0, 200)).ToArray();

        Dictionary<(string, Window), CountSum> Run((long Time, TestEvent Event)[] events)
        {
            var tracker = new WatermarkTracker(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1), new ManualTimeProvider());
            var source = new Subject<StreamItem<TestEvent>>();
            var output = new Recorder<WindowResult<string, CountSum>>();
            var late = new LateRecorder<TestEvent>();
            source.HoppingWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100), TimeSpan.Zero, late)
                .Subscribe(output);
            foreach (var (time, e) in events)
            {
                source.Event(e, time, tracker.OnEvent(0, time));
            }

            source.OnCompleted();
            Assert.Empty(late.Items);
            Assert.DoesNotContain(output.Events, r => r.Value.IsUpdate);
            return output.Final().ToDictionary(kv => kv.Key, kv => kv.Value.Result);
        }

        Assert.Equal(Run(ordered), Run(shuffled));
        Assert.Equal(WindowReference.Hopping(ordered, 300, 100), Run(shuffled));
    }

    [Fact]
    public void LateEventWithinGrace_UpdatesOnlyTheFiredWindowsThatAreNotFinal()
    {
        // size 40, hop 20, grace 20. Event at t=30 belongs to [0,40) and [20,60).
        // At wm 65: [0,40) is final (40+20 <= 65), [20,60) fired (60 <= 65) but within grace => one update.
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        source.HoppingWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20))
            .Subscribe(output);
        source.Event(new TestEvent("a", 1), 25, 0);
        source.Watermark(65);
        var before = output.Events.Count;
        source.Event(new TestEvent("a", 1), 30, 65);
        var update = Assert.Single(output.Events.Skip(before));
        Assert.Equal(new WindowResult<string, CountSum>(new Window(20, 60), "a", new CountSum(2, 2), 2, true), update.Value);
    }

    [Fact]
    public void EventLateForItsOldestWindows_UpdatesTheOpenOnes_AndIsReportedOnceWithTheWindowsItMissed()
    {
        // size 60, hop 20, grace 10. An event at t=50 belongs to three windows:
        //   [0,60)   final at wm 70   <- missed (wm 95 when it arrives)
        //   [20,80)  final at wm 90   <- missed
        //   [40,100) fires at wm 100  <- still open: takes the event
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        var late = new LateRecorder<TestEvent>();
        var op = source.HoppingWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10), late);
        op.Subscribe(output);
        source.Event(new TestEvent("a", 1), 45, 0);
        source.Watermark(95);
        source.Event(new TestEvent("a", 5), 50, 95, offset: 7);
        source.OnCompleted();

        var reported = Assert.Single(late.Items);
        Assert.Equal((50L, 7L, 2, 3, false), (reported.TimeMs, reported.Offset, reported.MissedWindows, reported.Windows, reported.IsDropped));
        Assert.Equal(1, ((IWindowOperatorState)op).LateEventCount);
        var final = output.Final();
        Assert.Equal(new CountSum(1, 1), final[("a", new Window(0, 60))].Result);
        Assert.Equal(new CountSum(1, 1), final[("a", new Window(20, 80))].Result);
        Assert.Equal(new CountSum(2, 6), final[("a", new Window(40, 100))].Result);
    }

    [Fact]
    public void EventLateForAFiredWindowWithinGraceAndAFinalOne_UpdatesTheFiredOne_AndReportsOneMissedWindow()
    {
        // size 40, hop 20, grace 20. Event at t=30 arriving at wm 65: [0,40) final (60 <= 65), [20,60) fired and within
        // grace: an update carries the event, and it is reported late for the one window it missed.
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        var late = new LateRecorder<TestEvent>();
        source.HoppingWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), late)
            .Subscribe(output);
        source.Event(new TestEvent("a", 1), 25, 0);
        source.Watermark(65);
        source.Event(new TestEvent("a", 1), 30, 65);

        var reported = Assert.Single(late.Items);
        Assert.Equal((1, 2), (reported.MissedWindows, reported.Windows));
        Assert.True(output.Final()[("a", new Window(20, 60))].IsUpdate);
    }

    [Fact]
    public void EventLateForAllItsWindows_IsDroppedAndReportedWithEveryWindowMissed()
    {
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        var late = new LateRecorder<TestEvent>();
        source.HoppingWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10), late)
            .Subscribe(output);
        source.Event(new TestEvent("a", 1), 45, 0);
        source.Watermark(200);
        var before = output.Events.Count;
        source.Event(new TestEvent("a", 5), 50, 200);

        var reported = Assert.Single(late.Items);
        Assert.Equal((3, 3, true), (reported.MissedWindows, reported.Windows, reported.IsDropped));
        Assert.Equal(before, output.Events.Count);
    }

    [Fact]
    public void StateCount_StaysBoundedOverALongStream()
    {
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        var op = source.HoppingWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10));
        op.Subscribe(output);
        var max = 0;
        for (var t = 0; t < 100_000; t++)
        {
            source.Event(new TestEvent((t % 3).ToString(), 1), t, t);
            max = Math.Max(max, ((IWindowOperatorState)op).StateCount);
        }

        Assert.InRange(max, 1, 3 * 8); // 3 keys × (6 panes per window + grace + the current pane)
    }

    [Fact]
    public void PartitionsAtDifferentSpeeds_WithIdleTimeout_EqualBruteForce_NoLateEvents()
    {
        // Three partitions read round-robin; p0 runs 3x and p1 2x as fast in event time as p2, each in order.
        // The tracker's watermark (minimum over partitions) keeps the slow partition's events on time.
        var random = new Random(13);
        var partitions = new[] { 3L, 2L, 1L }.Select((speed, p) => Enumerable.Range(0, 1_500)
            .Select(i => (Time: (i * speed) + random.Next(0, 3), Event: new TestEvent($"k{random.Next(4)}", p + 1)))
            .ToArray()).ToArray();
        var tracker = new WatermarkTracker(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(30), new ManualTimeProvider());
        for (var p = 0; p < 3; p++)
        {
            tracker.AddPartition(p);
        }

        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        var late = new LateRecorder<TestEvent>();
        source.HoppingWindow(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50), TimeSpan.Zero, late)
            .Subscribe(output);
        for (var i = 0; i < 1_500; i++)
        {
            for (var p = 0; p < 3; p++)
            {
                var (time, e) = partitions[p][i];
                source.Event(e, time, tracker.OnEvent(p, time));
            }
        }

        source.OnCompleted();
        Assert.Empty(late.Items);
        Assert.Equal(WindowReference.Hopping(partitions.SelectMany(x => x), 100, 50), output.Final().ToDictionary(kv => kv.Key, kv => kv.Value.Result));
    }
}
