using System.Globalization;
using StreamEngine.Core.Features;
using StreamEngine.Core.Simulation;

namespace StreamEngine.Host.Commands;

/// <summary>
/// The demo's verdict: product_activity's per-minute SKU windows summed per (sku, country) against the simulator's
/// ground truth, every measure of every pair, revenue converted per purchase line as the engine converts it. Any
/// difference is printed and fails the demo.
/// </summary>
internal sealed class GroundTruthCheck
{
    private const int ShownDifferences = 5;
    private readonly List<string> _differences;

    private GroundTruthCheck(ProductTotals engine, ProductTotals expected, List<string> differences, int differingPairs)
    {
        Engine = engine;
        Expected = expected;
        _differences = differences;
        DifferingPairs = differingPairs;
    }

    /// <summary>Summed over every (sku, country) the engine wrote.</summary>
    public ProductTotals Engine { get; }

    /// <summary>Summed over every (sku, country) the simulator emitted.</summary>
    public ProductTotals Expected { get; }

    /// <summary>(sku, country) pairs with any measure different, or present on one side only.</summary>
    public int DifferingPairs { get; }

    public bool Matches => DifferingPairs == 0;

    /// <summary>The SQL whose rows <see cref="Compare"/> takes: key, country, views, carts, purchases, units, revenue.</summary>
    public static string Query(string database) =>
        $"""
        SELECT key, country, sum(views), sum(add_to_carts), sum(purchases), sum(units), sum(revenue_minor)
        FROM {database}.product_activity FINAL
        WHERE dimension = 'sku' AND window_seconds = 60
        GROUP BY key, country
        """;

    public static GroundTruthCheck Compare(GroundTruth truth, CurrencyConverter converter, IEnumerable<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(converter);
        var expected = new Dictionary<(string Sku, string Country), ProductTotals>();
        foreach (var (key, c) in truth.BySkuCountry)
        {
            expected[key] = new ProductTotals(c.ProductViews, c.AddToCarts, c.Purchases, c.PurchasedUnits, 0);
        }

        foreach (var line in truth.PurchaseLines)
        {
            var key = (line.Sku, line.Country);
            expected[key] = expected.GetValueOrDefault(key) with
            {
                RevenueMinor = expected.GetValueOrDefault(key).RevenueMinor + converter.Convert(line.PriceMinor * line.Quantity, line.Currency),
            };
        }

        var engine = rows.ToDictionary(
            r => (r[0], r[1]),
            r => new ProductTotals(Long(r[2]), Long(r[3]), Long(r[4]), Long(r[5]), Long(r[6])));
        var differences = new List<string>();
        var differing = 0;
        foreach (var key in expected.Keys.Union(engine.Keys).Order())
        {
            var want = expected.GetValueOrDefault(key);
            var got = engine.GetValueOrDefault(key);
            if (want != got)
            {
                differing++;
                if (differences.Count < ShownDifferences)
                {
                    differences.Add($"{key.Item1}/{key.Item2}: " + string.Join(
                        ", ",
                        got.Measures().Zip(want.Measures()).Where(m => m.First.Value != m.Second.Value)
                            .Select(m => $"{m.First.Name} engine {m.First.Value}, simulated {m.Second.Value}")));
                }
            }
        }

        return new GroundTruthCheck(
            engine.Values.Aggregate(default(ProductTotals), (a, b) => a + b),
            expected.Values.Aggregate(default(ProductTotals), (a, b) => a + b),
            differences,
            differing);
    }

    public void Print(TextWriter output, string reportingCurrency)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Per-minute product windows vs the simulator's ground truth (revenue in {reportingCurrency} minor units, converted per line):");
        foreach (var ((name, engine), (_, expected)) in Engine.Measures().Zip(Expected.Measures()))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-16} {engine,14:N0}  simulated {expected,14:N0}  {(engine == expected ? "equal" : "DIFFERENT")}"));
        }

        if (Matches)
        {
            output.WriteLine("  check: every (sku, country) equals the ground truth in every measure");
            return;
        }

        output.WriteLine($"  check FAILED: {DifferingPairs} (sku, country) pairs differ from the ground truth, e.g.");
        foreach (var difference in _differences)
        {
            output.WriteLine($"    {difference}");
        }
    }

    private static long Long(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
