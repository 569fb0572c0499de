using System.Text.RegularExpressions;

namespace StreamEngine.IntegrationTests.Operations;

public sealed class AlertRuleTests
{
    public static TheoryData<string> RuleNames() => [.. AlertRules.Load().Select(r => r.Name)];

    [Fact]
    public void TheRequiredAlertsExist()
    {
        string[] names = AlertRules.Load().Select(r => r.Name).ToArray();
        string[] required =
        [
            "StreamEngineDown", "StreamEngineNotConsuming", "StreamEngineConsumerLagGrowing", "StreamEngineWatermarkStalled",
            "StreamEngineClickHouseWritesFailing", "StreamEngineDeadLetterRateHigh", "StreamEngineFraudDeclineRateSpike",
            "StreamEngineSkusBelowReorderPointRising", "StreamEngineIntentSignalStorm", "StreamEngineAnomalyStorm",
        ];
        Assert.Empty(required.Except(names));
        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Rule_HasForSeverityAndAnnotations(string name)
    {
        string block = AlertRules.Load().Single(r => r.Name == name).Block;

        Assert.Matches(@"\n\s+for: \d+[smh]\n", block);
        Assert.Matches(@"\n\s+severity: (critical|warning)\n", block);
        Assert.Matches(@"\n\s+summary: "".+""\n", block);
        Assert.Matches(@"\n\s+description: "".+""\n", block);
        Assert.Contains($"runbook_url: \"docs/operations.md#{name.ToLowerInvariant()}\"", block, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Rule_HasARunbookSectionInTheOperationsDoc(string name)
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));

        Assert.Matches(new Regex($@"^#+ {name}\s*$", RegexOptions.Multiline), doc);
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Rule_HasFiringAndNotFiringUnitTests(string name)
    {
        string tests = string.Join('\n', Directory.GetFiles(Path.Combine(RepositoryPaths.Prometheus, "tests"), "*.yml").Select(File.ReadAllText));

        Assert.Matches(new Regex($@"alertname: {name}\n\s+exp_alerts: \[\]"), tests);
        Assert.Matches(new Regex($@"alertname: {name}\n\s+exp_alerts:\n\s+- exp_labels:"), tests);
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Rule_ReferencesOnlyExportedMetrics(string name)
    {
        string block = AlertRules.Load().Single(r => r.Name == name).Block;
        string expr = block[..block.IndexOf("\n        for:", StringComparison.Ordinal)];
        string[] referenced = MetricNames.ReferencedIn(expr).ToArray();

        Assert.All(referenced, metric => Assert.True(MetricNames.IsExported(metric), $"{name} uses {metric}, which EngineMetrics does not export."));
        Assert.True(referenced.Length > 0 || expr.Contains("up{job=\"streamengine\"}", StringComparison.Ordinal), $"{name} references no metric.");
    }
}
