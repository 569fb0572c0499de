using System.Reactive.Subjects;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Tests.Windows;

public class SessionWindowTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(100);

    private static (Subject<StreamItem<TestEvent>> Source, Recorder<WindowResult<string, CountSum>> Out, LateRecorder<TestEvent> Late, IObservable<StreamItem<WindowResult<string, CountSum>>> Op) Build(TimeSpan grace)
    {
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        var late = new LateRecorder<TestEvent>();
        var op = source.SessionWindow(e => e.Key, new CountSumAggregate(), Gap, grace, late);
        op.Subscribe(output);
        return (source, output, late, op);
    }

    [Fact]
    public void Session_ClosesWhenTheWatermarkReachesLastEventPlusGap()
    {
        // a: x(0) x(50) x(120)  -> session [0, 220)
        var (source, output, _, _) = Build(TimeSpan.Zero);
        source.Event(new TestEvent("a", 1), 0, 0);
        source.Event(new TestEvent("a", 1), 50, 0);
        source.Event(new TestEvent("a", 1), 120, 0);
        source.Watermark(219);
        Assert.Empty(output.Events);
        source.Watermark(220);
        var session = Assert.Single(output.Events).Value;
        Assert.Equal(new WindowResult<string, CountSum>(new Window(0, 220), "a", new CountSum(3, 3), 3, false), session);
    }

    [Fact]
    public void EventExactlyAtLastPlusGap_StartsANewSession()
    {
        var (source, output, _, _) = Build(TimeSpan.Zero);
        source.Event(new TestEvent("a", 1), 0, 0);
        source.Event(new TestEvent("a", 1), 100, 0);
        source.OnCompleted();
        Assert.Equal([new Window(0, 100), new Window(100, 200)], output.Events.Select(e => e.Value.Window));
    }

    [Fact]
    public void LateBridgingEvent_MergesTwoSessionsIntoAnUpdate()
    {
        // a: x(0)            x(150)          sessions [0,100) and [150,250), both fired at wm 260
        //           x(80)                    late (wm 260, grace 200): [80,180) overlaps both => [0,250), 3 events
        var (source, output, late, op) = Build(TimeSpan.FromMilliseconds(200));
        source.Event(new TestEvent("a", 1), 0, 0);
        source.Event(new TestEvent("a", 2), 150, 0);
        source.Watermark(260);
        Assert.Equal(2, output.Events.Count);
        source.Event(new TestEvent("a", 4), 80, 260);
        var merged = output.Events[^1].Value;
        Assert.Equal(new WindowResult<string, CountSum>(new Window(0, 250), "a", new CountSum(3, 7), 3, true), merged);
        Assert.Empty(late.Items);
        Assert.Equal(1, ((IWindowOperatorState)op).StateCount);
    }

    [Fact]
    public void LateEventExtendingAFiredSessionPastTheWatermark_FiresAgainAtTheNewEnd()
    {
        var (source, output, _, _) = Build(TimeSpan.FromMilliseconds(100));
        source.Event(new TestEvent("a", 1), 0, 0);
        source.Watermark(120);                              // [0,100) fired
        source.Event(new TestEvent("a", 1), 90, 120);       // -> [0,190), not complete yet
        Assert.Single(output.Events);
        source.Watermark(190);
        Assert.Equal(new WindowResult<string, CountSum>(new Window(0, 190), "a", new CountSum(2, 2), 2, true), output.Events[^1].Value);
    }

    [Fact]
    public void EventAfterGrace_IsSentToLateOutputAndCounted()
    {
        var (source, output, late, op) = Build(TimeSpan.FromMilliseconds(50));
        source.Event(new TestEvent("a", 1), 0, 0);
        source.Watermark(400);
        source.Event(new TestEvent("a", 1), 200, 400);      // [200,300) + 50 <= 400
        Assert.Single(late.Items);
        Assert.Equal(1, ((IWindowOperatorState)op).LateEventCount);
        Assert.Single(output.Events);
    }

    [Fact]
    public void ExpiredSessions_AreFreed()
    {
        var (source, _, _, op) = Build(TimeSpan.FromMilliseconds(50));
        var state = (IWindowOperatorState)op;
        for (var i = 0; i < 100; i++)
        {
            source.Event(new TestEvent(i.ToString(), 1), i, 0, offset: i + 10);
        }

        Assert.Equal(100, state.StateCount);
        Assert.Equal(10, ((IOffsetTracking)op).OldestOpenOffset);
        source.Watermark(248);
        Assert.Equal(1, state.StateCount); // key 99: [99,199) is final at 199 + 50
        source.Watermark(249);
        Assert.Equal(0, state.StateCount);
        Assert.Equal(long.MaxValue, ((IOffsetTracking)op).OldestOpenOffset);
    }

    [Fact]
    public void ShuffledWithinOutOfOrderness_EqualsBruteForceSessions()
    {
        var random = new Random(21);
        var ordered = Enumerable.Range(0, 3_000)
            .Select(i => (Time: (long)(i * 7) + random.Next(0, 7), Event: new TestEvent(((char)('a' + random.Next(6))).ToString(), random.Next(10))))
            .ToArray();
        var shuffled = ordered.OrderBy(e => e.Time + random.Next(0, 150)).ToArray();
        var tracker = new WatermarkTracker(TimeSpan.FromMilliseconds(150), TimeSpan.FromMinutes(1), new ManualTimeProvider());
        var (source, output, late, _) = Build(TimeSpan.Zero);
        foreach (var (time, e) in shuffled)
        {
            source.Event(e, time, tracker.OnEvent(0, time));
        }

        source.OnCompleted();
        Assert.Empty(late.Items);
        Assert.DoesNotContain(output.Events, r => r.Value.IsUpdate);
        Assert.Equal(SessionReference(ordered, 100), output.Final().ToDictionary(kv => kv.Key, kv => kv.Value.Result));
    }

    [Fact]
    public void AggregateException_EndsTheStreamWithOnError_AndUnsubscribes()
    {
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, long>>();
        source.SessionWindow(e => e.Key, new ThrowingAggregate(), Gap, TimeSpan.Zero).Subscribe(output);
        source.Event(new TestEvent("a", 1), 0, 0);
        source.Event(new TestEvent("a", -1), 10, 0);
        Assert.IsType<InvalidOperationException>(output.Error);
        Assert.False(source.HasObservers);
        Assert.False(output.Completed);
    }

    public static Dictionary<(string, Window), CountSum> SessionReference(IEnumerable<(long Time, TestEvent Event)> events, long gap)
    {
        var result = new Dictionary<(string, Window), CountSum>();
        foreach (var group in events.GroupBy(e => e.Event.Key))
        {
            var sorted = group.OrderBy(e => e.Time).ToList();
            var start = sorted[0].Time;
            var last = start;
            var cs = default(CountSum);
            foreach (var (time, e) in sorted)
            {
                if (time >= last + gap)
                {
                    result[(group.Key, new Window(start, last + gap))] = cs;
                    start = time;
                    cs = default;
                }

                last = time;
                cs = new CountSum(cs.Count + 1, cs.Sum + e.Amount);
            }

            result[(group.Key, new Window(start, last + gap))] = cs;
        }

        return result;
    }
}
