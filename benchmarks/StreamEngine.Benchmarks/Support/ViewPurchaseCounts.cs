using StreamEngine.Core.Aggregates;

namespace StreamEngine.Benchmarks.Support;

public readonly record struct ViewPurchase(long Views, long Purchases);

/// <summary>Per-product view and purchase counts: the issue-8 window kernel aggregate.</summary>
public readonly struct ViewPurchaseCounts : IWindowAggregate<ProductEvent, ViewPurchase, ViewPurchase>
{
    public ViewPurchase Initial() => default;

    public void Add(ref ViewPurchase state, in ProductEvent input) =>
        state = input.IsPurchase ? state with { Purchases = state.Purchases + 1 } : state with { Views = state.Views + 1 };

    public void Merge(ref ViewPurchase state, in ViewPurchase other) =>
        state = new ViewPurchase(state.Views + other.Views, state.Purchases + other.Purchases);

    public ViewPurchase Result(in ViewPurchase state) => state;
}
