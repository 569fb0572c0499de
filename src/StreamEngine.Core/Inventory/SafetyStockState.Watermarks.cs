namespace StreamEngine.Core.Inventory;

/// <content>
/// The join's input watermarks. They live in the state, not in the pipeline, so a restored pipeline resumes at the
/// watermark it had instead of at the minimum until both inputs have sent an item again.
/// </content>
public sealed partial class SafetyStockState
{
    private long _inventoryWatermarkMs = long.MinValue;
    private long _demandWatermarkMs = long.MinValue;

    /// <summary>Raises the inventory input's watermark; returns the joined watermark (the minimum of both inputs).</summary>
    internal long ObserveInventoryWatermark(long watermarkMs)
    {
        _inventoryWatermarkMs = Math.Max(_inventoryWatermarkMs, watermarkMs);
        return Math.Min(_inventoryWatermarkMs, _demandWatermarkMs);
    }

    /// <summary>Raises the demand input's watermark; returns the joined watermark (the minimum of both inputs).</summary>
    internal long ObserveDemandWatermark(long watermarkMs)
    {
        _demandWatermarkMs = Math.Max(_demandWatermarkMs, watermarkMs);
        return Math.Min(_inventoryWatermarkMs, _demandWatermarkMs);
    }
}
