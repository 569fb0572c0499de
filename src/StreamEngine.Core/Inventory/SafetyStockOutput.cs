namespace StreamEngine.Core.Inventory;

/// <summary>
/// One output of the safety-stock pipeline: a <see cref="StockThreshold"/> or a <see cref="ReplenishmentSignal"/>
/// (the other member is default). One stream keeps the order in which they were produced.
/// </summary>
public readonly record struct SafetyStockOutput(SafetyStockOutputKind Kind, StockThreshold Threshold, ReplenishmentSignal Signal)
{
    public static SafetyStockOutput Of(in StockThreshold threshold) => new(SafetyStockOutputKind.Threshold, threshold, default);

    public static SafetyStockOutput Of(in ReplenishmentSignal signal) => new(SafetyStockOutputKind.Signal, default, signal);
}
