using System.Globalization;
using StreamEngine.Core.Features;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;

namespace StreamEngine.IntegrationTests.Commands;

/// <summary>The demo's verdict over rows as ClickHouse returns them: equal rows pass, any difference fails and is shown.</summary>
public sealed class GroundTruthCheckTests
{
    private static readonly CurrencyConverter Converter = new(new FeatureOptions());

    [Fact]
    public void RowsEqualToTheGroundTruth_Match()
    {
        var truth = Simulate();

        var check = GroundTruthCheck.Compare(truth, Converter, RowsFrom(truth));

        Assert.True(check.Matches);
        Assert.Equal(check.Expected, check.Engine);
        Assert.Equal(truth.BySkuCountry.Values.Sum(c => c.ProductViews), check.Engine.Views);
        Assert.Contains("check: every (sku, country) equals the ground truth", Printed(check), StringComparison.Ordinal);
    }

    [Fact]
    public void OneUnitMoreInOnePair_IsAMismatchNamingThePairAndTheMeasure()
    {
        var truth = Simulate();
        var rows = RowsFrom(truth);
        var changed = rows.First(r => r[5] != "0");
        var units = long.Parse(changed[5], CultureInfo.InvariantCulture);
        changed[5] = (units + 1).ToString(CultureInfo.InvariantCulture);

        var check = GroundTruthCheck.Compare(truth, Converter, rows);

        Assert.False(check.Matches);
        Assert.Equal(1, check.DifferingPairs);
        Assert.Equal(check.Expected.Units + 1, check.Engine.Units);
        var printed = Printed(check);
        Assert.Contains("  units ", printed, StringComparison.Ordinal);
        Assert.Contains("DIFFERENT", printed, StringComparison.Ordinal);
        Assert.Contains("check FAILED: 1 (sku, country) pairs differ", printed, StringComparison.Ordinal);
        Assert.Contains($"{changed[0]}/{changed[1]}: units engine {units + 1}, simulated {units}", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void PairMissingFromTheEngine_IsAMismatch()
    {
        var truth = Simulate();
        var rows = RowsFrom(truth);
        rows.RemoveAt(0);

        var check = GroundTruthCheck.Compare(truth, Converter, rows);

        Assert.False(check.Matches);
        Assert.Equal(1, check.DifferingPairs);
    }

    [Fact]
    public void RevenueRoundedOnceOverTheSumInsteadOfPerLine_IsAMismatch()
    {
        var truth = Simulate();
        var rows = RowsFrom(truth);
        var lines = truth.PurchaseLines.Where(l => l.Currency != Converter.ReportingCurrency).GroupBy(l => (l.Sku, l.Country))
            .First(g => Converter.Convert(g.Sum(l => l.PriceMinor * l.Quantity), g.First().Currency) != g.Sum(l => Converter.Convert(l.PriceMinor * l.Quantity, l.Currency))
                        && g.All(l => l.Currency == g.First().Currency));
        var row = rows.Single(r => r[0] == lines.Key.Sku && r[1] == lines.Key.Country);
        row[6] = Converter.Convert(lines.Sum(l => l.PriceMinor * l.Quantity), lines.First().Currency).ToString(CultureInfo.InvariantCulture);

        Assert.False(GroundTruthCheck.Compare(truth, Converter, rows).Matches);
    }

    private static GroundTruth Simulate()
    {
        var simulator = new StorefrontSimulator(new SimulatorOptions { EventCount = 30_000, Seed = 21, Users = 1_000, Products = 30 });
        _ = simulator.Generate().Count();
        return simulator.GroundTruth;
    }

    /// <summary>What a correct engine writes, computed independently: per-line conversion, summed per (sku, country).</summary>
    private static List<string[]> RowsFrom(GroundTruth truth) =>
        truth.BySkuCountry.Select(p =>
        {
            var revenue = truth.PurchaseLines.Where(l => (l.Sku, l.Country) == p.Key).Sum(l => Converter.Convert(l.PriceMinor * l.Quantity, l.Currency));
            long[] values = [p.Value.ProductViews, p.Value.AddToCarts, p.Value.Purchases, p.Value.PurchasedUnits, revenue];
            return new[] { p.Key.Sku, p.Key.Country }.Concat(values.Select(v => v.ToString(CultureInfo.InvariantCulture))).ToArray();
        }).ToList();

    private static string Printed(GroundTruthCheck check)
    {
        using var output = new StringWriter();
        check.Print(output, "USD");
        return output.ToString();
    }
}
