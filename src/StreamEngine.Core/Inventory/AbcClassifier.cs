namespace StreamEngine.Core.Inventory;

/// <summary>
/// Pareto (ABC) classification by cumulative revenue share. Items are ranked by revenue, descending; an item is A when
/// the cumulative share of the items ranked before it is below the A threshold (so the item that crosses 80% is
/// still A), B when below the B threshold, else C. Items with no revenue, and all items when the total is 0, are C.
/// </summary>
public static class AbcClassifier
{
    /// <summary>Classifies <paramref name="revenueDescending"/> (must be sorted descending) into <paramref name="classes"/>.</summary>
    public static void Classify(ReadOnlySpan<long> revenueDescending, double thresholdA, double thresholdB, Span<AbcClass> classes)
    {
        if (classes.Length < revenueDescending.Length)
        {
            throw new ArgumentException("classes is shorter than the revenue list", nameof(classes));
        }

        double total = 0;
        foreach (var revenue in revenueDescending)
        {
            total += Math.Max(revenue, 0);
        }

        double before = 0;
        for (var i = 0; i < revenueDescending.Length; i++)
        {
            var revenue = revenueDescending[i];
            if (total <= 0 || revenue <= 0)
            {
                classes[i] = AbcClass.C;
                continue;
            }

            var shareBefore = before / total;
            classes[i] = shareBefore < thresholdA ? AbcClass.A : shareBefore < thresholdB ? AbcClass.B : AbcClass.C;
            before += revenue;
        }
    }
}
