namespace StreamEngine.Core.Inventory;

/// <summary>Pareto class of a SKU by its share of revenue over the lookback: A the top, C the tail.</summary>
public enum AbcClass : byte
{
    A,
    B,
    C,
}
