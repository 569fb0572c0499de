using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Features;
using StreamEngine.IntegrationTests.Operations;

namespace StreamEngine.IntegrationTests.Privacy;

/// <summary>docs/data-classification.md classifies exactly the columns the engine writes, and every output topic.</summary>
public sealed partial class DataClassificationDocTests
{
    private static readonly string[] Classes = ["personal-pseudonymised", "personal-raw", "business", "technical"];

    [Fact]
    public void EveryColumnOfEveryTable_IsClassified_InTheDefinitionsOrder()
    {
        var documented = Sections("ClickHouse tables");
        var tables = FeatureCatalog.AllTables(FeatureCatalog.Create(DefaultOptions())).ToList();

        Assert.Equal(tables.Select(t => t.Name).Order(), documented.Keys.Order());
        foreach (var table in tables)
        {
            var rows = ColumnRow().Matches(documented[table.Name]).Select(m => (Column: m.Groups[1].Value, Class: m.Groups[2].Value)).ToList();
            Assert.True(table.Columns.Select(c => c.Name).SequenceEqual(rows.Select(r => r.Column)), $"{table.Name}: documented {string.Join(", ", rows.Select(r => r.Column))}");
            Assert.All(rows, r => Assert.Contains(r.Class, Classes));
        }
    }

    [Fact]
    public void EveryOutputTopic_IsClassified()
    {
        var kafka = DefaultOptions().Kafka;
        var documented = Sections("Kafka output topics");

        Assert.Equal(
            new[] { kafka.FraudScoresTopic, kafka.IntentTopic, kafka.ReplenishmentTopic, kafka.DemandTopic, kafka.DeadLetterTopic }.Order(),
            documented.Keys.Order());
    }

    [Fact]
    public void RawValues_AreOnlyInTheRawIdentifiersTable()
    {
        var raw = Sections("ClickHouse tables")
            .Where(t => ColumnRow().Matches(t.Value).Any(m => m.Groups[2].Value == "personal-raw"))
            .Select(t => t.Key);

        Assert.Equal(["raw_identifiers"], raw);
    }

    private static EngineOptions DefaultOptions() => EngineOptions.Load(new ConfigurationBuilder().Build());

    /// <summary>The "### `name`" subsections of a "## heading" section, by name.</summary>
    private static Dictionary<string, string> Sections(string heading)
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "data-classification.md"));
        var start = doc.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/data-classification.md has no section '{heading}'");
        var end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? doc[start..] : doc[start..end];
        var parts = Subsection().Split(section);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            Assert.True(result.TryAdd(parts[i], parts[i + 1]), $"'{parts[i]}' is documented twice");
        }

        return result;
    }

    [GeneratedRegex(@"^### `([a-z0-9_-]+)`\s*$", RegexOptions.Multiline)]
    private static partial Regex Subsection();

    [GeneratedRegex(@"^\| `([a-z0-9_]+)` \| ([a-z-]+) \|", RegexOptions.Multiline)]
    private static partial Regex ColumnRow();
}
