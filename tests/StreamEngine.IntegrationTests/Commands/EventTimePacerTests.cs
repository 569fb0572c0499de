using System.Diagnostics;
using StreamEngine.Host.Commands;

namespace StreamEngine.IntegrationTests.Commands;

[Collection(WallClockTimingGroup.Name)]
public sealed class EventTimePacerTests
{
    [Fact]
    public void Records_AreReleasedNoEarlierThanTheirEventTime_AndOneBehindTheLatestAtOnce()
    {
        var startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long[] offsetsMs = [-5_000, 0, 400, 250, 800];
        var released = new List<(long OffsetMs, long AtMs)>();

        foreach (var offset in new EventTimePacer(TimeProvider.System).Pace(offsetsMs, o => startMs + o, CancellationToken.None))
        {
            released.Add((offset, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - startMs));
        }

        Assert.Equal(offsetsMs, released.Select(r => r.OffsetMs));
        Assert.All(released, r => Assert.True(r.AtMs >= r.OffsetMs, $"record at +{r.OffsetMs} ms released at +{r.AtMs} ms"));
        // Upper bounds leave room for a loaded machine; waits are per record, not cumulative (that would take 1,450 ms).
        Assert.InRange(released[0].AtMs, 0, 400); // already past: at once
        Assert.InRange(released[3].AtMs - released[2].AtMs, 0, 200); // behind the latest released: no wait
        Assert.InRange(released[4].AtMs, 800, 1_400);
    }

    [Fact]
    public void Cancellation_EndsAWait()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        var farAhead = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();

        Assert.ThrowsAny<OperationCanceledException>(() => new EventTimePacer(TimeProvider.System).Pace([farAhead], t => t, cancel.Token).ToList());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"waited {clock.Elapsed}");
    }
}
