using System.Runtime.CompilerServices;

namespace StreamEngine.Core.Fraud;

/// <summary>A member of a <see cref="RecentSet16"/>: a pseudonymised key and when it was last seen (0 = empty slot).</summary>
internal struct RecentEntry
{
    public ulong Key;
    public long LastSeenMs;
}

/// <summary>
/// Up to 16 distinct keys with their last-seen times. Entries older than the expiry are treated as absent; when the
/// set is full the least recently seen entry is replaced (so the distinct count saturates at 16).
/// </summary>
[InlineArray(Capacity)]
internal struct RecentSet16
{
    public const int Capacity = 16;

    private RecentEntry _element0;

    /// <summary>Records <paramref name="key"/> at <paramref name="timeMs"/>; returns whether it was present and not expired.</summary>
    public bool Touch(ulong key, long timeMs, long expiryMs)
    {
        var victim = 0;
        var victimSeen = long.MaxValue;
        for (var i = 0; i < Capacity; i++)
        {
            ref var e = ref this[i];
            if (e.LastSeenMs != 0 && e.Key == key)
            {
                var known = e.LastSeenMs > timeMs - expiryMs;
                e.LastSeenMs = Math.Max(e.LastSeenMs, timeMs);
                return known;
            }

            if (e.LastSeenMs < victimSeen)
            {
                victimSeen = e.LastSeenMs;
                victim = i;
            }
        }

        this[victim] = new RecentEntry { Key = key, LastSeenMs = timeMs };
        return false;
    }

    /// <summary>Distinct keys seen after <paramref name="sinceMs"/> (exclusive).</summary>
    public readonly int CountSince(long sinceMs)
    {
        var n = 0;
        for (var i = 0; i < Capacity; i++)
        {
            var seen = this[i].LastSeenMs;
            if (seen != 0 && seen > sinceMs)
            {
                n++;
            }
        }

        return n;
    }
}
