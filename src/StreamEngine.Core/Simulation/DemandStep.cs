namespace StreamEngine.Core.Simulation;

/// <summary>
/// From <see cref="At"/> on, product views (and so sales) of the SKU with index <see cref="SkuIndex"/> are multiplied
/// by <see cref="Factor"/>.
/// </summary>
public sealed class DemandStep
{
    /// <summary>Index of the SKU (0 .. Products-1); its id is <c>SKU-{index:D5}</c>.</summary>
    public int SkuIndex { get; set; }

    /// <summary>Event time of the step.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Demand multiplier after the step.</summary>
    public double Factor { get; set; } = 3;
}
