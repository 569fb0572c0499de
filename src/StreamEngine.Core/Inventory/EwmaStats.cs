namespace StreamEngine.Core.Inventory;

/// <summary>
/// Exponentially weighted mean and variance (Finch 2009, incremental form): the first sample initialises the mean;
/// each later sample x with weight α does diff = x − mean, mean += α·diff, var = (1 − α)(var + α·diff²).
/// </summary>
public record struct EwmaStats(double Mean, double Variance, long Count)
{
    public readonly double StdDev => Math.Sqrt(Variance);

    public void Update(double value, double alpha)
    {
        if (Count == 0)
        {
            Mean = value;
            Variance = 0;
        }
        else
        {
            var diff = value - Mean;
            var increment = alpha * diff;
            Mean += increment;
            Variance = (1 - alpha) * (Variance + (diff * increment));
        }

        Count++;
    }
}
