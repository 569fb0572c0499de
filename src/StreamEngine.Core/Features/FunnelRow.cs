namespace StreamEngine.Core.Features;

/// <summary>
/// One row of <c>funnel</c>: sessions of an entry channel that first reached each step in this minute, in one source
/// partition. Identity: (Channel, WindowStartMs, Partition); <see cref="Version"/> = advances folded in. Sum over
/// partitions for totals.
/// </summary>
public readonly record struct FunnelRow(
    long WindowStartMs,
    long WindowEndMs,
    string Channel,
    int Partition,
    long SessionsViewed,
    long SessionsCarted,
    long SessionsCheckedOut,
    long SessionsPurchased,
    long Version);
