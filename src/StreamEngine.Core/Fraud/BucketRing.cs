using System.Runtime.CompilerServices;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// One time bucket of a sliding-window counter: bucket number (event time / width), count and amount. The number is
/// an int (16-byte buckets instead of 24: smaller per-key state, better cache use); with widths of 10 s and more it
/// covers epoch times up to the year 2650.
/// </summary>
internal struct CountBucket
{
    public int Id;
    public int Count;
    public long AmountCents;
}

[InlineArray(6)]
internal struct Buckets6
{
    private CountBucket _element0;
}

[InlineArray(10)]
internal struct Buckets10
{
    private CountBucket _element0;
}

[InlineArray(12)]
internal struct Buckets12
{
    private CountBucket _element0;
}

[InlineArray(24)]
internal struct Buckets24
{
    private CountBucket _element0;
}

/// <summary>
/// Sliding event-time window over a fixed ring of buckets: a window of n buckets of width w covers the bucket holding
/// the query time and the n-1 before it (between (n-1)*w and n*w of history). Memory per key is fixed; a slot is
/// reused when its bucket falls out of the window. An event older than the bucket already in its slot is too late
/// for this window and is ignored (the ring is bounded).
/// </summary>
internal static class BucketRing
{
    public static void Add(Span<CountBucket> ring, long widthMs, long timeMs, long amountCents)
    {
        var id = (int)(timeMs / widthMs);
        ref var slot = ref ring[(int)(id % ring.Length)];
        if (slot.Id != id)
        {
            if (slot.Id > id && slot.Count > 0)
            {
                return;
            }

            slot.Id = id;
            slot.Count = 0;
            slot.AmountCents = 0;
        }

        slot.Count++;
        slot.AmountCents += amountCents;
    }

    public static int Sum(ReadOnlySpan<CountBucket> ring, long widthMs, long timeMs, out long amountCents)
    {
        var id = (int)(timeMs / widthMs);
        var oldest = id - ring.Length;
        var count = 0;
        amountCents = 0;
        foreach (ref readonly var slot in ring)
        {
            if (slot.Id > oldest && slot.Id <= id)
            {
                count += slot.Count;
                amountCents += slot.AmountCents;
            }
        }

        return count;
    }
}
