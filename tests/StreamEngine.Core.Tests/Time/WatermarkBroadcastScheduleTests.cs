using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Time;

public sealed class WatermarkBroadcastScheduleTests
{
    private const long Day = 86_400_000;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public void FirstWatermark_AndEachNewStep_AreWrittenAtOnce()
    {
        var schedule = new WatermarkBroadcastSchedule(Day, Interval, new ManualTimeProvider());

        Assert.True(schedule.ShouldWrite(Day + 5));
        Assert.False(schedule.ShouldWrite(Day + 500));        // same day, interval not reached
        Assert.True(schedule.ShouldWrite(2 * Day));            // passed the end of day 1: consumers may close it
        Assert.True(schedule.ShouldWrite((5 * Day) + 1));      // several days at once
        Assert.Equal((5 * Day) + 1, schedule.LastWrittenMs);
    }

    [Fact]
    public void WithinAStep_TheWatermarkIsWrittenOncePerInterval_OnlyWhenItAdvanced()
    {
        var clock = new ManualTimeProvider();
        var schedule = new WatermarkBroadcastSchedule(Day, Interval, clock);
        Assert.True(schedule.ShouldWrite(1_000));

        clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(schedule.ShouldWrite(2_000));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(schedule.ShouldWrite(1_000)); // not advanced: nothing to promise (and the producer may go idle)
        Assert.True(schedule.ShouldWrite(3_000));
        Assert.False(schedule.ShouldWrite(4_000)); // the interval restarts at each write
    }

    [Fact]
    public void EndOfInputWatermark_IsNeverWritten()
    {
        var schedule = new WatermarkBroadcastSchedule(Day, Interval, new ManualTimeProvider());
        schedule.ShouldWrite(Day);

        Assert.False(schedule.ShouldWrite(long.MaxValue)); // a local drain, not a promise about the stream
        Assert.Equal(Day, schedule.LastWrittenMs);
    }

    [Fact]
    public void NonPositiveStepOrInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WatermarkBroadcastSchedule(0, Interval));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WatermarkBroadcastSchedule(Day, TimeSpan.Zero));
    }
}
