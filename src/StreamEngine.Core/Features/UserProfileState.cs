namespace StreamEngine.Core.Features;

/// <summary>
/// One user's profile state: a ring of 30 daily buckets (bounded however long the user lives), the open session and a
/// bounded category histogram. Updated in event-time order by <see cref="UserProfileSink"/>.
/// </summary>
internal sealed class UserProfileState
{
    public const int Days = 30;
    public const long DayMs = 86_400_000;

    private readonly long[] _day = new long[Days];
    private readonly int[] _orders = new int[Days];
    private readonly long[] _spend = new long[Days];
    private readonly int[] _sessions = new int[Days];
    private readonly int[] _cartSessions = new int[Days];
    private readonly int[] _abandoned = new int[Days];
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);

    public UserProfileState()
    {
        Array.Fill(_day, long.MinValue);
    }

    public long LastActivityMs { get; set; } = long.MinValue;

    public long LastPurchaseMs { get; set; } = long.MinValue;

    public ulong LastOrderId { get; set; }

    public ulong SessionId { get; set; }

    public long SessionStartMs { get; set; }

    public long SessionLastMs { get; set; }

    public bool SessionOpen { get; set; }

    public bool SessionHadCart { get; set; }

    public bool SessionConverted { get; set; }

    /// <summary>Event time of the last change (the next row's version).</summary>
    public long AsOfMs { get; set; } = long.MinValue;

    public long LastEmittedMs { get; set; } = long.MinValue;

    public bool Dirty { get; set; }

    public bool PurchasePending { get; set; }

    public static long DayOf(long timeMs) => timeMs >= 0 ? timeMs / DayMs : ((timeMs + 1) / DayMs) - 1;

    public void AddOrder(long timeMs) => _orders[Slot(DayOf(timeMs))]++;

    public void AddSpend(long timeMs, long minor) => _spend[Slot(DayOf(timeMs))] += minor;

    public void AddSession(long timeMs) => _sessions[Slot(DayOf(timeMs))]++;

    /// <summary>Closes the open session, counting it (by its start day) as a cart session and possibly abandoned.</summary>
    public void CloseSession()
    {
        if (SessionOpen && SessionHadCart)
        {
            var slot = Slot(DayOf(SessionStartMs));
            _cartSessions[slot]++;
            _abandoned[slot] += SessionConverted ? 0 : 1;
        }

        SessionOpen = false;
    }

    public void AddCategory(string category, int capacity)
    {
        if (!_categories.ContainsKey(category) && _categories.Count >= capacity)
        {
            // Evict the least used (ties: the ordinally largest name) so the histogram stays bounded and deterministic.
            string? worst = null;
            foreach (var (name, count) in _categories)
            {
                if (worst is null || count < _categories[worst] || (count == _categories[worst] && string.CompareOrdinal(name, worst) > 0))
                {
                    worst = name;
                }
            }

            _categories.Remove(worst!);
        }

        _categories[category] = _categories.GetValueOrDefault(category) + 1;
    }

    public string FavouriteCategory()
    {
        string? best = null;
        var bestCount = 0;
        foreach (var (name, count) in _categories)
        {
            if (count > bestCount || (count == bestCount && string.CompareOrdinal(name, best) < 0))
            {
                best = name;
                bestCount = count;
            }
        }

        return best ?? string.Empty;
    }

    public UserProfileRow ToRow(ulong userId, int partition)
    {
        var today = DayOf(AsOfMs);
        int orders7 = 0, orders30 = 0, sessions7 = 0, carts30 = 0, abandoned30 = 0;
        long spend7 = 0, spend30 = 0;
        for (var i = 0; i < Days; i++)
        {
            var age = today - _day[i];
            if (_day[i] == long.MinValue || age < 0 || age >= Days)
            {
                continue;
            }

            orders30 += _orders[i];
            spend30 += _spend[i];
            carts30 += _cartSessions[i];
            abandoned30 += _abandoned[i];
            if (age < 7)
            {
                orders7 += _orders[i];
                spend7 += _spend[i];
                sessions7 += _sessions[i];
            }
        }

        return new UserProfileRow(
            userId,
            partition,
            AsOfMs,
            LastActivityMs == long.MinValue ? 0 : LastActivityMs,
            LastPurchaseMs == long.MinValue ? 0 : LastPurchaseMs,
            orders7,
            spend7,
            orders30,
            spend30,
            orders30 == 0 ? 0 : spend30 / orders30,
            FavouriteCategory(),
            sessions7,
            carts30,
            abandoned30,
            FeatureStreamExtensions.Ratio(abandoned30, carts30),
            AsOfMs);
    }

    // The bucket of a day, cleared when it last held a day 30 or more days older.
    private int Slot(long day)
    {
        var slot = (int)(((day % Days) + Days) % Days);
        if (_day[slot] != day)
        {
            _day[slot] = day;
            _orders[slot] = 0;
            _spend[slot] = 0;
            _sessions[slot] = 0;
            _cartSessions[slot] = 0;
            _abandoned[slot] = 0;
        }

        return slot;
    }
}
