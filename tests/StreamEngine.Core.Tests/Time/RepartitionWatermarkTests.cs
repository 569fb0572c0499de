using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Time;

public sealed class RepartitionWatermarkTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [Fact]
    public void Watermark_WaitsForEveryProducer_ThenIsTheMinimumOverThem()
    {
        // p0 writes 5000, p1 writes 3000, p2 nothing yet: a day could still arrive from p2.
        var watermark = new RepartitionWatermark(3, Idle, new ManualTimeProvider());
        Assert.Equal(long.MinValue, watermark.OnProducerWatermark(0, 5_000));
        Assert.Equal(long.MinValue, watermark.OnProducerWatermark(1, 3_000));
        Assert.Equal(long.MinValue, watermark.OnIdleCheck(taskWatermarkMs: 9_000));

        Assert.Equal(3_000, watermark.OnProducerWatermark(2, 4_000));
        Assert.Equal(4_000, watermark.OnProducerWatermark(1, 8_000));
        Assert.Equal(5_000, watermark.OnProducerWatermark(2, 6_000));
    }

    [Fact]
    public void OlderWatermarkOfAProducer_NeverMovesItBack()
    {
        var watermark = new RepartitionWatermark(2, Idle, new ManualTimeProvider());
        watermark.OnProducerWatermark(0, 5_000);
        watermark.OnProducerWatermark(1, 5_000);

        Assert.Equal(5_000, watermark.OnProducerWatermark(1, 2_000)); // e.g. a restarted producer starting over
        Assert.Equal(5_000, watermark.WatermarkMs);
    }

    [Fact]
    public void StalledProducer_StopsHoldingItBack_AfterTheIdleTimeout_AndCountsAgainWhenItWrites()
    {
        var clock = new ManualTimeProvider();
        var watermark = new RepartitionWatermark(2, Idle, clock);
        watermark.OnProducerWatermark(0, 1_000);
        watermark.OnProducerWatermark(1, 1_000);
        watermark.OnProducerWatermark(0, 9_000);

        Consume(watermark, clock, Idle - TimeSpan.FromSeconds(1), taskWatermarkMs: 50_000);
        watermark.OnProducerWatermark(0, 10_000);
        Assert.Equal(1_000, watermark.OnIdleCheck(taskWatermarkMs: 50_000)); // p1 silent, not yet idle

        Consume(watermark, clock, TimeSpan.FromSeconds(1), taskWatermarkMs: 50_000);
        Assert.Equal(10_000, watermark.WatermarkMs); // p1 idle: p0 alone, not the task's 50000

        Assert.Equal(10_000, watermark.OnProducerWatermark(1, 4_000)); // p1 back, behind: holds it, never moves it back
        Assert.Equal(10_000, watermark.OnProducerWatermark(0, 20_000));
        Assert.Equal(12_000, watermark.OnProducerWatermark(1, 12_000));
    }

    [Fact]
    public void ProducerWithoutAnyWatermark_HoldsBackOnlyUntilTheIdleTimeout()
    {
        var clock = new ManualTimeProvider();
        var watermark = new RepartitionWatermark(2, Idle, clock);
        watermark.OnProducerWatermark(0, 7_000);
        Consume(watermark, clock, Idle - TimeSpan.FromSeconds(1), taskWatermarkMs: 1_000);
        Assert.Equal(long.MinValue, watermark.OnProducerWatermark(0, 8_000));

        Consume(watermark, clock, TimeSpan.FromSeconds(1), taskWatermarkMs: 1_000);
        Assert.Equal(8_000, watermark.WatermarkMs);
    }

    [Fact]
    public void EveryProducerIdle_FollowsTheTaskWatermark()
    {
        // No clickstream traffic at all: safety stock must still close days on the inventory side.
        var clock = new ManualTimeProvider();
        var watermark = new RepartitionWatermark(2, Idle, clock);
        Consume(watermark, clock, Idle, taskWatermarkMs: 40_000);

        Assert.Equal(40_000, watermark.WatermarkMs);
        Assert.Equal(40_000, watermark.OnProducerWatermark(0, 30_000)); // a producer returning behind it is held at it
        Assert.Equal(40_000, watermark.OnIdleCheck(taskWatermarkMs: 60_000)); // p0 active again: the task's no longer counts
    }

    [Fact]
    public void ConsumersOwnStall_CountsOnlyAQuarterOfTheIdleTimeoutAsProducerSilence()
    {
        // The consume thread is blocked for a minute (say a sink outage): the producers' watermarks are waiting unread
        // in the topic, so they must not all be taken for idle the moment it resumes.
        var clock = new ManualTimeProvider();
        var watermark = new RepartitionWatermark(2, Idle, clock);
        watermark.OnProducerWatermark(0, 1_000);
        watermark.OnProducerWatermark(1, 5_000);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1_000, watermark.OnIdleCheck(taskWatermarkMs: 90_000));
        watermark.OnProducerWatermark(1, 6_000);

        // p0's silence: 7.5 s of the stall + 22 s after it = 29.5 s, then 30.5 s.
        Consume(watermark, clock, TimeSpan.FromSeconds(22), taskWatermarkMs: 90_000);
        Assert.Equal(1_000, watermark.WatermarkMs);
        Consume(watermark, clock, TimeSpan.FromSeconds(1), taskWatermarkMs: 90_000);
        Assert.Equal(6_000, watermark.WatermarkMs);
    }

    [Fact]
    public void UnknownProducer_Throws()
    {
        var watermark = new RepartitionWatermark(2, Idle, new ManualTimeProvider());

        Assert.Throws<ArgumentOutOfRangeException>(() => watermark.OnProducerWatermark(2, 1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => watermark.OnProducerWatermark(-1, 1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RepartitionWatermark(0, Idle));
    }

    /// <summary>A consumer busy with other records: idle checks every half second of <paramref name="span"/>.</summary>
    private static void Consume(RepartitionWatermark watermark, ManualTimeProvider clock, TimeSpan span, long taskWatermarkMs)
    {
        for (var passed = TimeSpan.Zero; passed < span; passed += TimeSpan.FromMilliseconds(500))
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            watermark.OnIdleCheck(taskWatermarkMs);
        }
    }
}
