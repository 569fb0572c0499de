namespace StreamEngine.Core.Features;

/// <summary>A session moved from step <paramref name="From"/> to <paramref name="To"/> (exclusive, inclusive).</summary>
public readonly record struct FunnelAdvance(string Channel, FunnelStep From, FunnelStep To);
