namespace StreamEngine.Core.Features;

/// <summary>What trending products are ranked by.</summary>
public enum TrendingMetric : byte
{
    Views = 1,
    Purchases = 2,
}
