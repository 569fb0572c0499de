namespace StreamEngine.Benchmarks.Support;

/// <summary>The issue-8 kernel event: a product view or purchase (8 bytes, like Trill's benchmark payload).</summary>
public readonly record struct ProductEvent(int ProductId, bool IsPurchase);
