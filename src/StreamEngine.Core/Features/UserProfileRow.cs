namespace StreamEngine.Core.Features;

/// <summary>
/// One row of <c>user_profiles</c>: a user's features as of <see cref="AsOfMs"/> (the event time of the last change).
/// Identity: UserId; <see cref="Version"/> = AsOfMs, strictly increasing per user. Day windows are calendar days (UTC)
/// ending with AsOfMs's day: "7 days" is that day and the 6 before. Money in reporting-currency minor units; times are
/// 0 when there was none. Recency is computed at query time from LastActivityMs / LastPurchaseMs.
/// </summary>
public readonly record struct UserProfileRow(
    ulong UserId,
    int Partition,
    long AsOfMs,
    long LastActivityMs,
    long LastPurchaseMs,
    int Orders7d,
    long Spend7dMinor,
    int Orders30d,
    long Spend30dMinor,
    long AverageOrderValue30dMinor,
    string FavouriteCategory,
    int Sessions7d,
    int CartSessions30d,
    int AbandonedCartSessions30d,
    double CartAbandonRate30d,
    long Version);
