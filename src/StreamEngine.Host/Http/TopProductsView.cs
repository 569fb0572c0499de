namespace StreamEngine.Host.Http;

/// <summary>The top products and the event-time span of the windows they were summed over (0 when none yet).</summary>
public sealed record TopProductsView(long FromMs, long ToMs, IReadOnlyList<TopProduct> Products);
