using StreamEngine.Core.Inventory;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class SafetyStockCalculatorTests
{
    [Fact]
    public void FixedLeadTime_WorkedExample_90Percent()
    {
        // Textbook: 90% cycle service level, z = 1.281552; σd = 5 units/day; L = 4 days: SS = z·σd·√L = 12.81552.
        Assert.Equal(12.81552, SafetyStockCalculator.SafetyStock(1.281552, 20, 5, 4, 0), 1e-6);
    }

    [Fact]
    public void FixedLeadTime_EqualsZSigmaSqrtL()
    {
        // 95%, σd = 10, L = 10: z·σd·√L = 1.644854·10·√10 = 52.014850584386.
        Assert.Equal(52.014850584386004, SafetyStockCalculator.SafetyStock(1.644854, 50, 10, 10, 0), 1e-6);
    }

    [Fact]
    public void CombinedDemandAndLeadTime_WorkedExample()
    {
        // d = 50/day, σd = 10, L = 10 days, σL = 2 days, 95% (z = 1.644854):
        // SS = z·sqrt(L·σd² + d²·σL²) = 1.644854·sqrt(1000 + 10000) = 172.513742914807; ROP = d·L + SS = 672.513742914807.
        var ss = SafetyStockCalculator.SafetyStock(1.644854, 50, 10, 10, 2);
        Assert.Equal(172.51374291480664, ss, 1e-6);
        Assert.Equal(672.5137429148067, SafetyStockCalculator.ReorderPoint(50, 10, ss), 1e-6);
    }

    [Fact]
    public void CombinedFormula_WithComputedZ_WorkedExample()
    {
        // 98%: z = Φ⁻¹(0.98) = 2.053749; d = 100, σd = 30, L = 6, σL = 1.5: SS = z·sqrt(6·900 + 10000·2.25) = 343.04371.
        var z = InverseNormal.Quantile(0.98);
        Assert.Equal(2.053749, z, 1e-6);
        Assert.Equal(343.0437147719338, SafetyStockCalculator.SafetyStock(2.053749, 100, 30, 6, 1.5), 1e-6);
        Assert.Equal(343.0436998445051, SafetyStockCalculator.SafetyStock(z, 100, 30, 6, 1.5), 1e-6);
    }

    [Fact]
    public void NoVariability_GivesZeroSafetyStock_AndRopIsLeadTimeDemand()
    {
        var ss = SafetyStockCalculator.SafetyStock(2.33, 12, 0, 5, 0);
        Assert.Equal(0, ss);
        Assert.Equal(60, SafetyStockCalculator.ReorderPoint(12, 5, ss));
    }

    [Theory]
    [InlineData(100, 20, 5)]
    [InlineData(0, 20, 0)]
    [InlineData(-3, 20, 0)]
    [InlineData(0, 0, 0)]
    public void DaysOfCover_IsOnHandOverDemand_ZeroWithoutStock(double onHand, double demand, double expected) =>
        Assert.Equal(expected, SafetyStockCalculator.DaysOfCover(onHand, demand), 1e-12);

    [Fact]
    public void DaysOfCover_WithoutDemand_IsInfinite() =>
        Assert.Equal(double.PositiveInfinity, SafetyStockCalculator.DaysOfCover(10, 0));

    [Fact]
    public void OrderQuantity_OrdersUpToRopPlusReviewDemand_RoundedUp()
    {
        // target = 672.51 + 50·7 = 1022.51; position = 300 + 100 -> 622.51 -> 623.
        Assert.Equal(623, SafetyStockCalculator.SuggestedOrderQuantity(672.51, 50, 7, 300, 100, 1));
    }

    [Fact]
    public void OrderQuantity_IsRaisedToMinimumOrderQuantity()
    {
        Assert.Equal(500, SafetyStockCalculator.SuggestedOrderQuantity(100, 10, 1, 100, 0, 500));
    }

    [Fact]
    public void OrderQuantity_IsZeroWhenPositionCoversTarget()
    {
        Assert.Equal(0, SafetyStockCalculator.SuggestedOrderQuantity(100, 10, 1, 80, 30, 50));
    }

    [Fact]
    public void OrderQuantity_IntegerTarget_DoesNotOverOrder()
    {
        // target = 0.1·3 + 9.7 = 10.0 up to rounding noise; position 4 -> exactly 6.
        Assert.Equal(6, SafetyStockCalculator.SuggestedOrderQuantity(9.7, 0.1, 3, 4, 0, 1));
    }

    [Fact]
    public void OrderQuantity_CountsBackordersAsNegativeStock()
    {
        Assert.Equal(35, SafetyStockCalculator.SuggestedOrderQuantity(20, 5, 1, -10, 0, 1));
    }
}
