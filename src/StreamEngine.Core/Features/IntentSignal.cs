namespace StreamEngine.Core.Features;

/// <summary>
/// A purchase-intent signal: <see cref="UserId"/> viewed or searched <see cref="Category"/> <see cref="Count"/> times
/// in [WindowStartMs, TimeMs] (WindowStartMs = the first of them) without buying in the category since. Identity (also the Kafka key material): (UserId, Category, TimeMs);
/// Version is always 1 (a signal never changes once emitted).
/// </summary>
public readonly record struct IntentSignal(
    ulong UserId,
    string Category,
    int Count,
    long WindowStartMs,
    long TimeMs,
    int Partition,
    long Version);
