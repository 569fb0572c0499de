using System.Text.RegularExpressions;
using StreamEngine.Core.Metrics;

namespace StreamEngine.IntegrationTests.Operations;

public sealed class OperationsDocTests
{
    [Fact]
    public void MetricsTable_ListsEveryExportedFamilyWithItsTypeAndLabels()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));
        var rows = Regex.Matches(doc, @"^\| `(streamengine_[a-z0-9_]+)` \| (\w+) \|\s*([a-z, ]*?)\s*\|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => (Type: m.Groups[2].Value, Labels: m.Groups[3].Value.Trim()));

        foreach (MetricFamily family in new EngineMetrics(new MetricRegistry()).Registry.Families)
        {
            Assert.True(rows.TryGetValue(family.Name, out var row), $"docs/operations.md does not list {family.Name}.");
            Assert.Equal(family.Type.ToString().ToLowerInvariant(), row.Type);
            Assert.Equal(string.Join(", ", family.LabelNames), row.Labels);
        }

        Assert.All(rows.Keys, name => Assert.True(MetricNames.IsExported(name), $"docs/operations.md lists {name}, which is not exported."));
    }
}
