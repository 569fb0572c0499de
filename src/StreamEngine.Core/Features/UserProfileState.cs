namespace StreamEngine.Core.Features;

/// <summary>
/// One user's profile state: a ring of 30 daily buckets (bounded however long the user lives), the open session and a
/// bounded category histogram. Updated in event-time order by <see cref="UserProfileSink"/>; saved with its
/// <see cref="UserProfileStore"/>.
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

    /// <summary>Changed since its last row; derived on restore from the store's list of changed users.</summary>
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
            FeatureStream.Ratio(abandoned30, carts30),
            AsOfMs);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(LastActivityMs);
        writer.Write(LastPurchaseMs);
        writer.Write(LastOrderId);
        writer.Write(SessionId);
        writer.Write(SessionStartMs);
        writer.Write(SessionLastMs);
        writer.Write(SessionOpen);
        writer.Write(SessionHadCart);
        writer.Write(SessionConverted);
        writer.Write(AsOfMs);
        writer.Write(LastEmittedMs);
        writer.Write(PurchasePending);

        // Only the buckets that ever held a day: most users are active on a few days of the 30.
        var used = 0;
        foreach (var day in _day)
        {
            used += day == long.MinValue ? 0 : 1;
        }

        writer.WriteCount(used);
        for (var i = 0; i < Days; i++)
        {
            if (_day[i] != long.MinValue)
            {
                writer.Write((byte)i);
                writer.Write(_day[i]);
                writer.Write7BitEncodedInt(_orders[i]);
                writer.Write(_spend[i]);
                writer.Write7BitEncodedInt(_sessions[i]);
                writer.Write7BitEncodedInt(_cartSessions[i]);
                writer.Write7BitEncodedInt(_abandoned[i]);
            }
        }

        writer.WriteCount(_categories.Count);
        foreach (var (name, count) in _categories)
        {
            writer.Write(name);
            writer.Write7BitEncodedInt(count);
        }
    }

    public static UserProfileState Read(FeatureStateReader reader, int categoryCapacity)
    {
        var user = new UserProfileState
        {
            LastActivityMs = reader.ReadInt64(),
            LastPurchaseMs = reader.ReadInt64(),
            LastOrderId = reader.ReadUInt64(),
            SessionId = reader.ReadUInt64(),
            SessionStartMs = reader.ReadInt64(),
            SessionLastMs = reader.ReadInt64(),
            SessionOpen = reader.ReadBoolean(),
            SessionHadCart = reader.ReadBoolean(),
            SessionConverted = reader.ReadBoolean(),
            AsOfMs = reader.ReadInt64(),
            LastEmittedMs = reader.ReadInt64(),
            PurchasePending = reader.ReadBoolean(),
        };

        var used = reader.ReadCount();
        for (var n = 0; n < used; n++)
        {
            int slot = reader.ReadByte();
            var day = reader.ReadInt64();
            if (slot >= Days || user._day[slot] != long.MinValue || day == long.MinValue || (int)(((day % Days) + Days) % Days) != slot)
            {
                throw new InvalidDataException($"Day bucket {slot} holding day {day} is not where that day belongs, or repeated.");
            }

            user._day[slot] = day;
            user._orders[slot] = reader.ReadNonNegative();
            user._spend[slot] = reader.ReadInt64();
            user._sessions[slot] = reader.ReadNonNegative();
            user._cartSessions[slot] = reader.ReadNonNegative();
            user._abandoned[slot] = reader.ReadNonNegative();
        }

        var categories = reader.ReadCount();
        if (categories > categoryCapacity)
        {
            throw new InvalidDataException($"A profile holds {categories} categories; ProfileCategoryCapacity is {categoryCapacity}.");
        }

        for (var n = 0; n < categories; n++)
        {
            if (!user._categories.TryAdd(reader.ReadString(), reader.ReadNonNegative()))
            {
                throw new InvalidDataException("A profile lists a category twice.");
            }
        }

        return user;
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
