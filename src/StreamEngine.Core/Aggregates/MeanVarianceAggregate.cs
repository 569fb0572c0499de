namespace StreamEngine.Core.Aggregates;

/// <summary>
/// Mean and variance by Welford's online update; partial states merge with the pairwise formula of Chan, Golub and
/// LeVeque, which stays numerically stable where sum/sum-of-squares would cancel catastrophically.
/// </summary>
public readonly struct MeanVarianceAggregate : IWindowAggregate<double, MeanVarianceState, MeanVarianceState>
{
    public MeanVarianceState Initial() => default;

    public void Add(ref MeanVarianceState state, in double input)
    {
        var count = state.Count + 1;
        var delta = input - state.Mean;
        var mean = state.Mean + (delta / count);
        state = new MeanVarianceState(count, mean, state.M2 + (delta * (input - mean)));
    }

    public void Merge(ref MeanVarianceState state, in MeanVarianceState other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (state.Count == 0)
        {
            state = other;
            return;
        }

        var count = state.Count + other.Count;
        var delta = other.Mean - state.Mean;
        var mean = state.Mean + (delta * other.Count / count);
        var m2 = state.M2 + other.M2 + (delta * delta * state.Count * other.Count / count);
        state = new MeanVarianceState(count, mean, m2);
    }

    public MeanVarianceState Result(in MeanVarianceState state) => state;
}
