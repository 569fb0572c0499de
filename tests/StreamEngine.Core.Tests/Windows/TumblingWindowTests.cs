using System.Reactive.Subjects;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Tests.Windows;

public class TumblingWindowTests
{
    private static readonly TimeSpan Size = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(50);

    private static (Subject<StreamItem<TestEvent>> Source, Recorder<WindowResult<string, CountSum>> Out, LateRecorder<TestEvent> Late, IObservable<StreamItem<WindowResult<string, CountSum>>> Op) Build()
    {
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        var late = new LateRecorder<TestEvent>();
        var op = source.TumblingWindow(e => e.Key, new CountSumAggregate(), Size, Grace, late);
        op.Subscribe(output);
        return (source, output, late, op);
    }

    [Fact]
    public void EventExactlyAtWindowEnd_BelongsToTheNextWindow()
    {
        // [0,100)      [100,200)
        //  x(99)        x(100)
        var (source, output, _, _) = Build();
        source.Event(new TestEvent("a", 1), 99, 0);
        source.Event(new TestEvent("a", 2), 100, 0);
        source.OnCompleted();
        var results = output.Events.Select(e => e.Value).ToList();
        Assert.Equal([new WindowResult<string, CountSum>(new Window(0, 100), "a", new CountSum(1, 1), 1, false),
                      new WindowResult<string, CountSum>(new Window(100, 200), "a", new CountSum(1, 2), 1, false)], results);
        Assert.True(output.Completed);
    }

    [Fact]
    public void WatermarkAtMaxValue_FiresEveryWindowAndFreesAllState()
    {
        // End of a bounded run: the engine punctuates with long.MaxValue to drain every open window.
        var (source, output, _, op) = Build();
        source.Event(new TestEvent("a", 1), 10, 0);
        source.Event(new TestEvent("b", 1), 150, 0);
        source.Watermark(long.MaxValue);
        Assert.Equal(2, output.Events.Count);
        Assert.Equal(0, ((IWindowOperatorState)op).StateCount);
        Assert.Equal(long.MaxValue, ((IOffsetTracking)op).OldestOpenOffset);
    }

    [Fact]
    public void Window_FiresWhenTheWatermarkReachesItsEnd_NotBefore()
    {
        var (source, output, _, _) = Build();
        source.Event(new TestEvent("a", 1), 10, 0);
        source.Watermark(99);
        Assert.Empty(output.Events);
        source.Watermark(100);
        var fired = Assert.Single(output.Events);
        Assert.Equal(99, fired.TimeMs);
        Assert.Equal(99, fired.WatermarkMs); // results carry the previous watermark; the one that fired them follows
        Assert.True(output.Items[^1].IsPunctuation);
        Assert.Equal(100, output.Items[^1].WatermarkMs);
    }

    [Fact]
    public void LateEventWithinGrace_ReemitsAnUpdateWithAHigherVersion()
    {
        // [0,100) fires at wm 100; grace 50 => still accepts events until wm 150.
        var (source, output, late, _) = Build();
        source.Event(new TestEvent("a", 1), 10, 0);
        source.Event(new TestEvent("a", 1), 20, 0);
        source.Watermark(120);
        source.Event(new TestEvent("a", 5), 30, 120);
        var results = output.Events.Select(e => e.Value).ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(new WindowResult<string, CountSum>(new Window(0, 100), "a", new CountSum(2, 2), 2, false), results[0]);
        Assert.Equal(new WindowResult<string, CountSum>(new Window(0, 100), "a", new CountSum(3, 7), 3, true), results[1]);
        Assert.Empty(late.Items);
    }

    [Fact]
    public void EventAfterGrace_IsSentToLateOutputAndCounted()
    {
        var (source, output, late, op) = Build();
        source.Event(new TestEvent("a", 1), 10, 0);
        source.Watermark(150);
        source.Event(new TestEvent("a", 9), 30, 150, offset: 42);
        var lateEvent = Assert.Single(late.Items);
        Assert.Equal(42, lateEvent.Offset);
        Assert.Equal(1, ((IWindowOperatorState)op).LateEventCount);
        Assert.Single(output.Events);
    }

    [Fact]
    public void KeyWithoutEventsAtFiring_FirstLateEvent_IsNotAnUpdate()
    {
        var (source, output, _, _) = Build();
        source.Event(new TestEvent("a", 1), 10, 0);
        source.Watermark(110);
        source.Event(new TestEvent("b", 1), 50, 110);
        var b = Assert.Single(output.Events, e => e.Value.Key == "b");
        Assert.False(b.Value.IsUpdate);
        Assert.Equal(1, b.Value.Version);
    }

    [Fact]
    public void State_IsFreedOnceWindowsAreFinal_AndOffsetsReleased()
    {
        var (source, _, _, op) = Build();
        var state = (IWindowOperatorState)op;
        var offsets = (IOffsetTracking)op;
        source.Event(new TestEvent("a", 1), 10, 0, offset: 7);
        source.Event(new TestEvent("b", 1), 20, 0, offset: 8);
        source.Event(new TestEvent("a", 1), 120, 0, offset: 9);
        Assert.Equal(3, state.StateCount);
        Assert.Equal(7, offsets.OldestOpenOffset);
        source.Watermark(149);
        Assert.Equal(3, state.StateCount); // fired at 100 but still within grace
        source.Watermark(150);
        Assert.Equal(1, state.StateCount);
        Assert.Equal(9, offsets.OldestOpenOffset);
        source.Watermark(250);
        Assert.Equal(0, state.StateCount);
        Assert.Equal(long.MaxValue, offsets.OldestOpenOffset);
    }

    [Fact]
    public void Result_CarriesTheSmallestOffsetFoldedIntoIt()
    {
        var (source, output, _, _) = Build();
        source.Event(new TestEvent("a", 1), 10, 0, offset: 12);
        source.Event(new TestEvent("a", 1), 11, 0, offset: 5);
        source.Event(new TestEvent("a", 1), 12, 0, offset: 30);
        source.OnCompleted();
        Assert.Equal(5, Assert.Single(output.Events).Offset);
    }

    [Fact]
    public void KeySelectorException_EndsTheStreamWithOnError()
    {
        var source = new Subject<StreamItem<TestEvent>>();
        var output = new Recorder<WindowResult<string, CountSum>>();
        source.TumblingWindow<TestEvent, string, CountSum, CountSum>(e => throw new InvalidOperationException("boom"), new CountSumAggregate(), Size, Grace)
            .Subscribe(output);
        source.Event(new TestEvent("a", 1), 10, 0);
        Assert.IsType<InvalidOperationException>(output.Error);
        Assert.False(source.HasObservers);
    }

    [Fact]
    public void OnCompleted_FlushesOpenWindowsAsFinalResults()
    {
        var (source, output, _, op) = Build();
        source.Event(new TestEvent("a", 1), 10, 0);
        source.Event(new TestEvent("b", 2), 250, 0);
        source.OnCompleted();
        Assert.Equal(2, output.Events.Count);
        Assert.All(output.Events, e => Assert.False(e.Value.IsUpdate));
        Assert.Equal(0, ((IWindowOperatorState)op).StateCount);
        Assert.True(output.Completed);
    }
}
