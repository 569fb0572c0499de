namespace StreamEngine.Core.Operators;

/// <summary>Integer helpers for window arithmetic on epoch milliseconds (which may be negative in tests).</summary>
internal static class EventTime
{
    /// <summary>Floor division for a positive divisor.</summary>
    public static long FloorDiv(long value, long divisor) => value >= 0 ? value / divisor : ((value + 1) / divisor) - 1;

    public static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    public static long ToMs(TimeSpan span, string name)
    {
        var ms = (long)span.TotalMilliseconds;
        return ms >= 0 ? ms : throw new ArgumentOutOfRangeException(name, span, "Must not be negative.");
    }
}
