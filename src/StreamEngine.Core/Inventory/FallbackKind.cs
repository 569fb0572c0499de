namespace StreamEngine.Core.Inventory;

/// <summary>Where a threshold's demand statistics came from when the SKU's own history was too short.</summary>
public enum FallbackKind : byte
{
    /// <summary>The SKU's own rolling statistics (at least the minimum history days).</summary>
    None,

    /// <summary>Mean per SKU of the category's mature SKUs in the same warehouse.</summary>
    Category,

    /// <summary>The configured cold-start demand defaults (no mature SKU in the category).</summary>
    Defaults,
}
