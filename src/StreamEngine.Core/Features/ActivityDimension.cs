namespace StreamEngine.Core.Features;

/// <summary>What a product-activity row is keyed by besides country.</summary>
public enum ActivityDimension : byte
{
    Sku = 1,
    Category = 2,
}
