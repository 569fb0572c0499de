using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Events;

namespace StreamEngine.Core.Tests.Windows;

public readonly record struct ProductStats(long Views, long Purchases, long RevenueCents, HyperLogLog Visitors);

/// <summary>The feature-aggregate example of docs/windowing.md, compiled and tested here.</summary>
public readonly struct ProductStatsAggregate : IWindowAggregate<ClickEvent, ProductStats, ProductStats>
{
    public ProductStats Initial() => default;

    public void Add(ref ProductStats s, in ClickEvent e)
    {
        var visitors = s.Visitors;
        visitors.Add(e.UserId); // the pseudonym is already a uniform 64-bit hash
        s = e.Type switch
        {
            ClickEventType.ProductView => s with { Views = s.Views + 1, Visitors = visitors },
            ClickEventType.Purchase => s with { Purchases = s.Purchases + 1, RevenueCents = s.RevenueCents + (e.PriceCents * e.Quantity), Visitors = visitors },
            _ => s with { Visitors = visitors },
        };
    }

    public void Merge(ref ProductStats s, in ProductStats o)
    {
        var visitors = s.Visitors;
        visitors.Merge(o.Visitors);
        s = new(s.Views + o.Views, s.Purchases + o.Purchases, s.RevenueCents + o.RevenueCents, visitors);
    }

    public ProductStats Result(in ProductStats s) => s with { Visitors = s.Visitors.Clone() };
}
