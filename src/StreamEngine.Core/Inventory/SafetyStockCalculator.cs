namespace StreamEngine.Core.Inventory;

/// <summary>
/// Safety stock, reorder point, days of cover and order quantity. Units: demand in units per day (one bucket), lead
/// time in days, so SS and ROP are in units. Pure and thread-safe; formulas and policies in docs/safety-stock.md.
/// </summary>
public static class SafetyStockCalculator
{
    /// <summary>
    /// SS = z·sqrt(L·σd² + d²·σL²): demand and lead time independent and normal; with σL = 0 this is z·σd·sqrt(L).
    /// Negative results (z &lt; 0, i.e. service level below 50%) are kept: they lower the ROP below d·L on purpose.
    /// </summary>
    public static double SafetyStock(double z, double demandMean, double demandStdDev, double leadTimeMeanDays, double leadTimeStdDevDays) =>
        z * Math.Sqrt((leadTimeMeanDays * demandStdDev * demandStdDev) + (demandMean * demandMean * leadTimeStdDevDays * leadTimeStdDevDays));

    /// <summary>ROP = d·L + SS: expected demand over the lead time plus the safety stock.</summary>
    public static double ReorderPoint(double demandMean, double leadTimeMeanDays, double safetyStock) =>
        (demandMean * leadTimeMeanDays) + safetyStock;

    /// <summary>
    /// Days of cover = on hand / d. When d ≤ 0 (no demand): +∞ if something is on hand, 0 if nothing is; with
    /// negative on hand (backorders) the result is 0, never negative.
    /// </summary>
    public static double DaysOfCover(double onHand, double demandMean)
    {
        if (onHand <= 0)
        {
            return 0;
        }

        return demandMean > 0 ? onHand / demandMean : double.PositiveInfinity;
    }

    /// <summary>
    /// Order-up-to rule: target = ROP + d·review period; quantity = ceil(target − (on hand + on order)) when positive,
    /// else 0; a positive quantity below the minimum order quantity is raised to it. Never negative.
    /// </summary>
    public static long SuggestedOrderQuantity(
        double reorderPoint, double demandMean, double reviewPeriodDays, long onHand, long onOrder, long minimumOrderQuantity)
    {
        var target = reorderPoint + (Math.Max(demandMean, 0) * reviewPeriodDays);
        var shortfall = target - (onHand + onOrder);
        if (!(shortfall > 0))
        {
            return 0;
        }

        // 1e-9 slack so a target that is an integer up to rounding noise does not order one unit too many.
        var quantity = (long)Math.Ceiling(shortfall - 1e-9);
        return Math.Max(Math.Max(quantity, 1), minimumOrderQuantity);
    }
}
