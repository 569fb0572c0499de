using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;

namespace StreamEngine.Core.Tests.Events;

public sealed class DuplicateFilterTests
{
    private const long Minute = 60_000;

    [Fact]
    public void SameIdWithinHorizon_IsDuplicate_AndKeepsBeingOne()
    {
        var filter = new DuplicateFilter();
        Assert.False(filter.IsDuplicate(1, 0));
        Assert.True(filter.IsDuplicate(1, 5 * Minute));
        Assert.True(filter.IsDuplicate(1, 10 * Minute)); // exactly at the horizon: still remembered
        Assert.False(filter.IsDuplicate(2, 10 * Minute));
    }

    [Fact]
    public void SameIdBeyondHorizon_IsCountedAgain()
    {
        // t:  0 ......... 10m+1ms
        //     id 1        id 1 again: the first is older than max - horizon, forgotten
        var filter = new DuplicateFilter();
        Assert.False(filter.IsDuplicate(1, 0));
        Assert.False(filter.IsDuplicate(1, (10 * Minute) + 1));
        Assert.True(filter.IsDuplicate(1, (10 * Minute) + 2));
    }

    [Fact]
    public void OtherEventsAdvancingTime_ExpireOldIds()
    {
        var filter = new DuplicateFilter(TimeSpan.FromMinutes(1));
        Assert.False(filter.IsDuplicate(1, 0));
        Assert.False(filter.IsDuplicate(2, (2 * Minute)));
        Assert.Equal(1, filter.Count);
        Assert.False(filter.IsDuplicate(1, Minute / 2)); // late copy of 1: beyond the horizon, counted again
    }

    [Fact]
    public void LateEventOlderThanHorizon_IsNotRemembered()
    {
        var filter = new DuplicateFilter(TimeSpan.FromMinutes(1));
        filter.IsDuplicate(1, 10 * Minute);
        Assert.False(filter.IsDuplicate(2, Minute));
        Assert.False(filter.IsDuplicate(2, Minute));
        Assert.Equal(1, filter.Count);
    }

    [Fact]
    public void OutOfOrderEventWithinHorizon_IsRemembered()
    {
        var filter = new DuplicateFilter(TimeSpan.FromMinutes(10));
        filter.IsDuplicate(1, 10 * Minute);
        Assert.False(filter.IsDuplicate(2, 3 * Minute));
        Assert.True(filter.IsDuplicate(2, 3 * Minute));
    }

    [Fact]
    public void RememberedIds_StayBoundedByTheHorizon()
    {
        // One event per second for two hours with a 10-minute horizon: at most 601 ids are remembered.
        var filter = new DuplicateFilter();
        for (var i = 0; i < 7200; i++)
        {
            Assert.False(filter.IsDuplicate((ulong)i, i * 1000L));
            Assert.True(filter.Count <= 601, $"count {filter.Count} at {i}");
        }

        Assert.Equal(601, filter.Count);
    }

    [Fact]
    public void RememberedIds_StayBoundedByMaxEntries_ForgettingTheOldestFirst()
    {
        var filter = new DuplicateFilter(TimeSpan.FromDays(1), maxEntries: 100);
        for (var i = 0; i < 1000; i++)
        {
            filter.IsDuplicate((ulong)i, i);
        }

        Assert.Equal(100, filter.Count);
        Assert.True(filter.IsDuplicate(999, 1000));
        Assert.True(filter.IsDuplicate(900, 1000));
        Assert.False(filter.IsDuplicate(899, 1000));
    }

    [Fact]
    public void InOrderStream_MatchesBruteForceReference()
    {
        // Reference: an event is a duplicate iff the last accepted occurrence of its id is within the horizon
        // of the latest time seen (which, for in-order times, is the event's own time).
        var random = new Random(42);
        var horizonMs = 5 * Minute;
        var filter = new DuplicateFilter(TimeSpan.FromMilliseconds(horizonMs));
        var lastAccepted = new Dictionary<ulong, long>();
        long time = 0;
        for (var i = 0; i < 50_000; i++)
        {
            time += random.Next(0, 2000);
            var id = (ulong)random.Next(0, 500);
            var expected = lastAccepted.TryGetValue(id, out var at) && at >= time - horizonMs;
            if (!expected)
            {
                lastAccepted[id] = time;
            }

            Assert.Equal(expected, filter.IsDuplicate(id, time));
        }
    }

    [Fact]
    public void SteadyState_AllocatesNothing()
    {
        var filter = new DuplicateFilter(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 100_000; i++)
        {
            filter.IsDuplicate((ulong)i, i * 10L);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100_000; i < 200_000; i++)
        {
            filter.IsDuplicate((ulong)i, i * 10L);
            filter.IsDuplicate((ulong)i, i * 10L);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // Exact unless a duplicate's first occurrence precedes the replay start and expired before the checkpoint:
    // pinned for replays from the start and from just before the checkpoint.
    [Theory]
    [InlineData(0, 5_000)]
    [InlineData(0, 15_000)]
    [InlineData(4_999, 5_000)]
    [InlineData(5_000, 5_000)]
    public void Restored_ReplayFromAnEarlierOffset_GetsTheFirstRunsVerdicts_AndThenContinuesIdentically(int replayFrom, int checkpointAt)
    {
        var random = new Random(7);
        var records = Enumerable.Range(0, 20_000).Select(i => (Id: (ulong)random.Next(0, 3_000), TimeMs: i * 100L + random.Next(0, 3_000))).ToArray();
        var original = new DuplicateFilter(TimeSpan.FromMinutes(5));
        var verdicts = new bool[records.Length];
        byte[]? checkpoint = null;
        for (var offset = 0; offset < records.Length; offset++)
        {
            if (offset == checkpointAt)
            {
                checkpoint = StateSnapshot.Capture(original);
            }

            verdicts[offset] = original.IsDuplicate(records[offset].Id, records[offset].TimeMs, offset);
        }

        var restored = new DuplicateFilter(TimeSpan.FromMinutes(5));
        StateSnapshot.Restore(restored, checkpoint);
        for (var offset = replayFrom; offset < records.Length; offset++)
        {
            Assert.Equal(verdicts[offset], restored.IsDuplicate(records[offset].Id, records[offset].TimeMs, offset));
        }

        Assert.Contains(true, verdicts.AsSpan(replayFrom).ToArray());
    }

    [Fact]
    public void Restore_OfAnotherVersionOrARepeatedId_Throws()
    {
        var filter = new DuplicateFilter();
        filter.IsDuplicate(1, 0, 0);
        var bytes = StateSnapshot.Capture(filter);
        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new DuplicateFilter(), [99, .. bytes.AsSpan(1)]));
        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new DuplicateFilter(), bytes.AsSpan(0, bytes.Length - 1)));

        filter.IsDuplicate(2, 0, 1);
        var two = StateSnapshot.Capture(filter);
        var repeated = two.ToArray();
        two.AsSpan(two.Length - 48, 24).CopyTo(repeated.AsSpan(repeated.Length - 24)); // second entry := first entry
        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new DuplicateFilter(), repeated));
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateFilter(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateFilter(maxEntries: 0));
    }
}
