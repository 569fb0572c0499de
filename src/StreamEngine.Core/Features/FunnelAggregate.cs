using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Features;

/// <summary>Counts funnel advances per step reached.</summary>
public readonly struct FunnelAggregate : IWindowAggregate<FunnelAdvance, FunnelCounts, FunnelCounts>
{
    public FunnelCounts Initial() => default;

    public void Add(ref FunnelCounts state, in FunnelAdvance input)
    {
        for (var step = input.From + 1; step <= input.To; step++)
        {
            switch (step)
            {
                case FunnelStep.View:
                    state.Viewed++;
                    break;
                case FunnelStep.Cart:
                    state.Carted++;
                    break;
                case FunnelStep.Checkout:
                    state.CheckedOut++;
                    break;
                case FunnelStep.Purchase:
                    state.Purchased++;
                    break;
                default:
                    break;
            }
        }
    }

    public void Merge(ref FunnelCounts state, in FunnelCounts other)
    {
        state.Viewed += other.Viewed;
        state.Carted += other.Carted;
        state.CheckedOut += other.CheckedOut;
        state.Purchased += other.Purchased;
    }

    public FunnelCounts Result(in FunnelCounts state) => state;
}
