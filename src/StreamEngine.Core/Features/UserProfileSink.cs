using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Maintains <see cref="UserProfileState"/> per user in event-time order and emits a row when it changed: after each
/// watermark advance, a changed user is written if it bought something or its last row is at least the emit interval
/// of event time old; otherwise it waits (still marked changed) until that interval has passed. A session closes at a
/// new session id, an inactivity gap, or when the watermark passes its last event + gap (then AsOf = last + gap).
/// Users idle for over 30 days and fully written are freed. All state lives in the <see cref="UserProfileStore"/>.
/// </summary>
internal sealed class UserProfileSink(
    IObserver<StreamItem<UserProfileRow>> downstream,
    UserProfileStore store,
    CurrencyConverter converter,
    int partition,
    IObserver<StreamItem<ClickEvent>>? late)
    : OrderedClickSink<UserProfileRow>(downstream, store.Buffer, late)
{
    private readonly Dictionary<ulong, UserProfileState> _users = store.Users;
    private readonly List<ulong> _changed = store.Changed;
    private readonly FeatureOptions _options = store.Options;
    private readonly long _gapMs = (long)store.Options.SessionGap.TotalMilliseconds;
    private readonly long _emitIntervalMs = (long)store.Options.ProfileEmitInterval.TotalMilliseconds;

    protected override int KeyCount => _users.Count;

    protected override void OnEvent(in StreamItem<ClickEvent> item)
    {
        var e = item.Value;
        if (!_users.TryGetValue(e.UserId, out var user))
        {
            user = new UserProfileState();
            _users.Add(e.UserId, user);
        }

        if (user.SessionOpen && (e.SessionId != user.SessionId || e.TimeMs - user.SessionLastMs >= _gapMs))
        {
            user.CloseSession();
        }

        if (!user.SessionOpen)
        {
            user.SessionOpen = true;
            user.SessionId = e.SessionId;
            user.SessionStartMs = e.TimeMs;
            user.SessionHadCart = false;
            user.SessionConverted = false;
            user.AddSession(e.TimeMs);
        }

        user.SessionLastMs = e.TimeMs;
        user.LastActivityMs = e.TimeMs;
        switch (e.Type)
        {
            case ClickEventType.AddToCart:
                user.SessionHadCart = true;
                break;
            case ClickEventType.Purchase:
                user.SessionConverted = true;
                user.LastPurchaseMs = e.TimeMs;
                user.PurchasePending = true;
                if (e.OrderId != user.LastOrderId)
                {
                    user.LastOrderId = e.OrderId;
                    user.AddOrder(e.TimeMs);
                }

                user.AddSpend(e.TimeMs, converter.Convert(e.PriceCents * e.Quantity, e.Currency));
                break;
            default:
                break;
        }

        if (e.Category is not null && e.Type is ClickEventType.ProductView or ClickEventType.AddToCart or ClickEventType.Purchase)
        {
            user.AddCategory(e.Category, _options.ProfileCategoryCapacity);
        }

        MarkChanged(e.UserId, user, e.TimeMs);
    }

    protected override void OnWatermark(long watermarkMs)
    {
        if (watermarkMs >= store.NextSweepMs)
        {
            store.NextSweepMs = watermarkMs == long.MaxValue ? long.MaxValue : watermarkMs + Math.Max(1, _gapMs / 4);
            Sweep(watermarkMs);
        }

        var kept = 0;
        for (var i = 0; i < _changed.Count; i++)
        {
            var id = _changed[i];
            var user = _users[id];
            if (user.PurchasePending || watermarkMs == long.MaxValue || watermarkMs >= user.LastEmittedMs + _emitIntervalMs)
            {
                Emit(user.ToRow(id, partition), user.AsOfMs, long.MaxValue);
                user.LastEmittedMs = user.AsOfMs;
                user.Dirty = false;
                user.PurchasePending = false;
            }
            else
            {
                _changed[kept++] = id;
            }
        }

        _changed.RemoveRange(kept, _changed.Count - kept);
    }

    private void MarkChanged(ulong id, UserProfileState user, long asOfMs)
    {
        user.AsOfMs = asOfMs;
        if (!user.Dirty)
        {
            user.Dirty = true;
            _changed.Add(id);
        }
    }

    private void Sweep(long watermarkMs)
    {
        var expiryMs = (UserProfileState.Days * UserProfileState.DayMs) + _gapMs;
        foreach (var (id, user) in _users)
        {
            if (user.SessionOpen && user.SessionLastMs + _gapMs <= watermarkMs)
            {
                user.CloseSession();
                MarkChanged(id, user, user.SessionLastMs + _gapMs);
            }
            else if (!user.Dirty && !user.SessionOpen && user.LastActivityMs + expiryMs <= watermarkMs)
            {
                _users.Remove(id);
            }
        }
    }
}
