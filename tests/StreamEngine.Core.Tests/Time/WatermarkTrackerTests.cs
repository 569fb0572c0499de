using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Time;

public class WatermarkTrackerTests
{
    private static readonly TimeSpan OutOfOrder = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    [Fact]
    public void SinglePartition_WatermarkIsMaxEventTimeMinusOutOfOrderness()
    {
        var tracker = new WatermarkTracker(OutOfOrder, Idle, new ManualTimeProvider());
        Assert.Equal(900, tracker.OnEvent(0, 1000));
        Assert.Equal(900, tracker.OnEvent(0, 950)); // an older event does not move it
        Assert.Equal(1900, tracker.OnEvent(0, 2000));
    }

    [Fact]
    public void PartitionsAtDifferentSpeeds_WatermarkIsTheMinimum()
    {
        // p0: 1000 ... 5000 (fast)     p1: 1000 ... 2000 (slow)   => watermark follows p1
        var tracker = new WatermarkTracker(OutOfOrder, Idle, new ManualTimeProvider());
        tracker.OnEvent(0, 1000);
        tracker.OnEvent(1, 1000);
        Assert.Equal(900, tracker.WatermarkMs);
        tracker.OnEvent(0, 5000);
        Assert.Equal(900, tracker.WatermarkMs);
        tracker.OnEvent(1, 2000);
        Assert.Equal(1900, tracker.WatermarkMs);
        tracker.OnEvent(1, 7000);
        Assert.Equal(4900, tracker.WatermarkMs);
    }

    [Fact]
    public void IdlePartition_IsExcludedAfterTimeout_AndNeverMovesTheWatermarkBack()
    {
        var clock = new ManualTimeProvider();
        var tracker = new WatermarkTracker(OutOfOrder, Idle, clock);
        tracker.AddPartition(0);
        tracker.AddPartition(1);
        tracker.OnEvent(0, 10_000);
        tracker.OnEvent(1, 1_000);
        Assert.Equal(900, tracker.WatermarkMs);

        clock.Advance(TimeSpan.FromSeconds(4));
        tracker.OnEvent(0, 20_000);
        Assert.Equal(900, tracker.WatermarkMs); // p1 silent for 4 s < 5 s: still holds the watermark

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(19_900, tracker.OnIdleCheck()); // p1 idle for 5 s: excluded
        Assert.Equal(1, tracker.ActivePartitionCount);

        tracker.OnEvent(1, 2_000); // p1 wakes up far behind: rejoins, watermark does not go back
        Assert.Equal(2, tracker.ActivePartitionCount);
        Assert.Equal(19_900, tracker.WatermarkMs);
        tracker.OnEvent(0, 30_000);
        Assert.Equal(19_900, tracker.WatermarkMs); // held by p1 (1_900) again, but monotonic
        tracker.OnEvent(1, 25_000);
        Assert.Equal(24_900, tracker.WatermarkMs);
    }

    [Fact]
    public void AssignedPartitionWithoutData_HoldsTheWatermarkUntilIdleTimeout()
    {
        var clock = new ManualTimeProvider();
        var tracker = new WatermarkTracker(OutOfOrder, Idle, clock);
        tracker.AddPartition(1);
        tracker.OnEvent(0, 10_000);
        Assert.Equal(long.MinValue, tracker.WatermarkMs);
        clock.Advance(Idle);
        Assert.Equal(10_900, tracker.OnEvent(0, 11_000)); // p1 never sent anything: idle after the timeout
    }

    [Fact]
    public void RevokedPartition_NoLongerHoldsTheWatermark()
    {
        var tracker = new WatermarkTracker(OutOfOrder, Idle, new ManualTimeProvider());
        tracker.AddPartition(0);
        tracker.AddPartition(1);
        tracker.OnEvent(0, 10_000);
        tracker.OnEvent(1, 1_000);
        Assert.Equal(900, tracker.WatermarkMs);
        tracker.RemovePartition(1);
        Assert.Equal(9_900, tracker.WatermarkMs);
    }

    [Fact]
    public void RandomInterleaving_WatermarkIsMonotonicAndNeverPassesAnActivePartition()
    {
        var random = new Random(7);
        var clock = new ManualTimeProvider();
        var tracker = new WatermarkTracker(OutOfOrder, Idle, clock);
        var max = new long[3];
        for (var p = 0; p < 3; p++)
        {
            tracker.AddPartition(p);
        }

        Array.Fill(max, long.MinValue);
        var previous = long.MinValue;
        for (var i = 0; i < 5_000; i++)
        {
            var p = random.Next(3);
            var t = (i * 10) + random.Next(-300, 300) + (p * 1000);
            max[p] = Math.Max(max[p], t);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            var wm = tracker.OnEvent(p, t);
            Assert.True(wm >= previous);
            if (max.All(m => m > long.MinValue))
            {
                Assert.True(wm <= max.Min() - 100);
            }

            previous = wm;
        }
    }
}
