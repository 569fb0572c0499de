using System.Reactive.Subjects;
using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Tests.Windows;

public class SlidingAggregateTests
{
    [Fact]
    public void EachEvent_EmitsTheCountOverTheLastWindowAtBucketGranularity()
    {
        // window 100 ms in 10 buckets of 10 ms: after an event in bucket b the value covers buckets (b-10, b].
        var random = new Random(4);
        var events = Enumerable.Range(0, 3_000)
            .Select(i => (Time: (long)i, Event: new TestEvent(((char)('a' + random.Next(4))).ToString(), random.Next(10))))
            .ToArray();
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        source.SlidingAggregate(e => e.Key, new CountSumAggregate(), TimeSpan.FromMilliseconds(100), bucketCount: 10).Subscribe(output);
        foreach (var (time, e) in events)
        {
            source.Event(e, time, time);
        }

        Assert.Equal(events.Length, output.Events.Count);
        for (var i = 0; i < events.Length; i++)
        {
            var (time, e) = events[i];
            var bucket = time / 10;
            var expected = events.Take(i + 1).Where(x => x.Event.Key == e.Key && x.Time / 10 > bucket - 10)
                .Aggregate(default(CountSum), (cs, x) => new CountSum(cs.Count + 1, cs.Sum + x.Event.Amount));
            var emitted = output.Events[i].Value;
            Assert.Equal(e.Key, emitted.Key);
            Assert.Equal(expected, emitted.Result);
            Assert.Equal(expected.Count, emitted.Version);
            Assert.Equal(new Window((bucket - 9) * 10, (bucket + 1) * 10), emitted.Window);
        }
    }

    [Fact]
    public void OutOfOrderEventWithinTheRing_IsCountedInTheCurrentValue()
    {
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, long>>();
        source.SlidingAggregate(e => e.Key, new CountAggregate<TestEvent>(), TimeSpan.FromMilliseconds(100), bucketCount: 10).Subscribe(output);
        source.Event(new TestEvent("a", 1), 150, 0);
        source.Event(new TestEvent("a", 1), 60, 0);     // bucket 6 > 15 - 10
        source.Event(new TestEvent("a", 1), 155, 0);
        Assert.Equal([1L, 2L, 3L], output.Events.Select(e => e.Value.Result));
    }

    [Fact]
    public void EventOlderThanTheRing_IsSentToLateOutputAndCounted()
    {
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, long>>();
        var late = new LateRecorder<TestEvent>();
        var op = source.SlidingAggregate(e => e.Key, new CountAggregate<TestEvent>(), TimeSpan.FromMilliseconds(100), 10, late);
        op.Subscribe(output);
        source.Event(new TestEvent("a", 1), 150, 0);
        source.Event(new TestEvent("a", 1), 50, 0);     // bucket 5 <= 15 - 10
        Assert.Single(late.Items);
        Assert.Equal(1, ((IWindowOperatorState)op).LateEventCount);
        Assert.Single(output.Events);
    }

    [Fact]
    public void KeysWithoutRecentEvents_AreFreedAsTheWatermarkAdvances()
    {
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, long>>();
        var op = source.SlidingAggregate(e => e.Key, new CountAggregate<TestEvent>(), TimeSpan.FromMilliseconds(100), bucketCount: 10);
        op.Subscribe(output);
        for (var i = 0; i < 50; i++)
        {
            source.Event(new TestEvent(i.ToString(), 1), i, i);
        }

        Assert.Equal(50, ((IWindowOperatorState)op).StateCount);
        source.Watermark(150);
        Assert.InRange(((IWindowOperatorState)op).StateCount, 0, 10);
        source.Watermark(200);
        Assert.Equal(0, ((IWindowOperatorState)op).StateCount);
    }

    [Fact]
    public void DistinctCountSketch_IsNotSharedBetweenEmissions()
    {
        var source = new Subject<StreamItem<ulong>>();
        var output = new Recorder<WindowResult<int, HyperLogLog>>();
        source.SlidingAggregate(_ => 1, new DistinctCountAggregate(), TimeSpan.FromSeconds(10)).Subscribe(output);
        for (ulong i = 0; i < 100; i++)
        {
            source.OnNext(StreamItem.Event(i * 0x9E3779B97F4A7C15, (long)i, (long)i, 0));
        }

        var estimates = output.Events.Select(e => e.Value.Result.Estimate()).ToArray();
        Assert.InRange(estimates[9], 8, 12);
        Assert.InRange(estimates[^1], 90, 110);
    }
}
