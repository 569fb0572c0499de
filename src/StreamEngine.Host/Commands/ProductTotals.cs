namespace StreamEngine.Host.Commands;

/// <summary>product_activity's measures for one (sku, country), or summed over many; revenue in reporting minor units.</summary>
internal readonly record struct ProductTotals(long Views, long AddToCarts, long Purchases, long Units, long RevenueMinor)
{
    public static ProductTotals operator +(ProductTotals a, ProductTotals b) =>
        new(a.Views + b.Views, a.AddToCarts + b.AddToCarts, a.Purchases + b.Purchases, a.Units + b.Units, a.RevenueMinor + b.RevenueMinor);

    /// <summary>Names and values in the order the demo prints them.</summary>
    public IEnumerable<(string Name, long Value)> Measures()
    {
        yield return ("views", Views);
        yield return ("add to carts", AddToCarts);
        yield return ("purchases", Purchases);
        yield return ("units", Units);
        yield return ("revenue (minor)", RevenueMinor);
    }
}
