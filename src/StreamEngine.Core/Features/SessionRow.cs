namespace StreamEngine.Core.Features;

/// <summary>
/// One row of <c>sessions</c>: a closed session (no event of its session id for <see cref="FeatureOptions.SessionGap"/>).
/// Identity: (SessionId, StartMs); <see cref="Version"/> = events in the session. EndMs is the last event's time.
/// Abandoned cart value = cart adds − removes − purchases (reporting-currency minor units, never negative).
/// </summary>
public readonly record struct SessionRow(
    ulong SessionId,
    ulong UserId,
    int Partition,
    long StartMs,
    long EndMs,
    long DurationMs,
    int Pages,
    int ProductViews,
    int CartAdds,
    bool Converted,
    long AbandonedCartMinor,
    string EntryChannel,
    string Country,
    long Version);
