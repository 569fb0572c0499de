using System.Text.RegularExpressions;
using StreamEngine.Core.Metrics;

namespace StreamEngine.IntegrationTests.Operations;

/// <summary>Finds StreamEngine metric names in PromQL text and checks them against EngineMetrics.</summary>
internal static partial class MetricNames
{
    public static IReadOnlySet<string> Exported { get; } = Export();

    /// <summary>Every <c>streamengine_*</c> name in the text, with histogram series suffixes kept.</summary>
    public static IEnumerable<string> ReferencedIn(string promql) => Name().Matches(promql).Select(m => m.Value);

    /// <summary>The family a series name belongs to, or null when no exported family matches.</summary>
    public static bool IsExported(string series) => Exported.Contains(series);

    private static HashSet<string> Export()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (MetricFamily family in new EngineMetrics(new MetricRegistry()).Registry.Families)
        {
            names.Add(family.Name);
            if (family.Type == MetricType.Histogram)
            {
                names.Add(family.Name + "_bucket");
                names.Add(family.Name + "_sum");
                names.Add(family.Name + "_count");
            }
        }

        return names;
    }

    [GeneratedRegex(@"\bstreamengine_[a-zA-Z0-9_]+")]
    private static partial Regex Name();
}
