namespace StreamEngine.Core.Inventory;

/// <summary>
/// One record of the internal demand topic: a <see cref="DemandEvent"/> with its event id (keyed hash, for the
/// duplicate filter) and event time (the purchase's).
/// </summary>
public readonly record struct DemandMessage(ulong EventId, long TimeMs, DemandEvent Demand);
