namespace StreamEngine.Core.Aggregates;

/// <summary>Welford state: count, running mean and the sum of squared deviations from it (M2).</summary>
public readonly record struct MeanVarianceState(long Count, double Mean, double M2)
{
    /// <summary>Population variance (M2 / n); 0 when empty.</summary>
    public double Variance => Count > 0 ? M2 / Count : 0;

    /// <summary>Sample variance (M2 / (n - 1)); 0 with fewer than two values.</summary>
    public double SampleVariance => Count > 1 ? M2 / (Count - 1) : 0;

    public double StandardDeviation => Math.Sqrt(Variance);
}
