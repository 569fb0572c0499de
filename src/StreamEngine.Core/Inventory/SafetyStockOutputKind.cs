namespace StreamEngine.Core.Inventory;

/// <summary>Which member of a <see cref="SafetyStockOutput"/> is set.</summary>
public enum SafetyStockOutputKind : byte
{
    Threshold,
    Signal,
}
