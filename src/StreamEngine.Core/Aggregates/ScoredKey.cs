namespace StreamEngine.Core.Aggregates;

/// <summary>A candidate for a top-N list: a key and its score (for example a product and its views).</summary>
public readonly record struct ScoredKey<TKey>(TKey Key, long Score);
