using StreamEngine.Core.Inventory;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class InverseNormalTests
{
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.9, 1.2815515655446008)]
    [InlineData(0.95, 1.6448536269514715)]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.3, -0.5244005127080407)]
    [InlineData(0.02, -2.0537489106318225)]
    [InlineData(1e-5, -4.2648907939228256)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(1e-300, -37.0470962993612)]
    public void Quantile_MatchesReferenceValues_To1e9(double p, double expected) =>
        Assert.Equal(expected, InverseNormal.Quantile(p), 1e-9);

    [Fact]
    public void Quantile_PublishedTableValues_ToSixDecimals()
    {
        Assert.Equal(1.2815515655, InverseNormal.Quantile(0.9), 1e-10);
        Assert.Equal(1.6448536270, InverseNormal.Quantile(0.95), 1e-10);
        Assert.Equal(2.3263478740, InverseNormal.Quantile(0.99), 1e-10);
    }

    [Fact]
    public void Quantile_IsAntisymmetricAroundOneHalf()
    {
        // Dyadic p so that 1 - p is exact; covers the central region and both tails.
        for (var k = 1; k < 4096; k++)
        {
            var p = k / 4096.0;
            Assert.Equal(-InverseNormal.Quantile(p), InverseNormal.Quantile(1 - p), 1e-12);
        }

        Assert.Equal(-InverseNormal.Quantile(1e-10), InverseNormal.Quantile(1 - 1e-10), 1e-5); // 1 - 1e-10 is inexact
    }

    [Fact]
    public void Quantile_IsStrictlyIncreasing()
    {
        var previous = double.NegativeInfinity;
        for (var i = 1; i < 100_000; i++)
        {
            var z = InverseNormal.Quantile(i / 100_000.0);
            Assert.True(z > previous, $"not increasing at {i}");
            previous = z;
        }
    }

    [Fact]
    public void Quantile_InvertsTheNormalCdf()
    {
        // Φ by numerical integration of the density (Simpson, fine grid) as an independent reference.
        foreach (var p in new[] { 0.001, 0.05, 0.2, 0.5, 0.7, 0.93, 0.999 })
        {
            var z = InverseNormal.Quantile(p);
            Assert.Equal(p, Cdf(z), 1e-10);
        }
    }

    [Fact]
    public void Quantile_BoundsAndInvalidInput()
    {
        Assert.Equal(double.NegativeInfinity, InverseNormal.Quantile(0));
        Assert.Equal(double.PositiveInfinity, InverseNormal.Quantile(1));
        Assert.True(double.IsNaN(InverseNormal.Quantile(-0.1)));
        Assert.True(double.IsNaN(InverseNormal.Quantile(1.1)));
        Assert.True(double.IsNaN(InverseNormal.Quantile(double.NaN)));
    }

    private static double Cdf(double z)
    {
        // Φ(z) = 0.5 + ∫0^z φ(t) dt.
        const int n = 20_000;
        var h = z / n;
        double sum = Density(0) + Density(z);
        for (var i = 1; i < n; i++)
        {
            sum += Density(i * h) * (i % 2 == 0 ? 2 : 4);
        }

        return 0.5 + (sum * h / 3);
    }

    private static double Density(double t) => Math.Exp(-0.5 * t * t) / Math.Sqrt(2 * Math.PI);
}
