using System.Text.RegularExpressions;

namespace StreamEngine.IntegrationTests.Operations;

/// <summary>The alerting rules of docker/prometheus/alerts.yml, split into one text block per rule.</summary>
internal static partial class AlertRules
{
    public static IReadOnlyList<AlertRule> Load()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.Prometheus, "alerts.yml"));
        MatchCollection starts = AlertLine().Matches(text);
        var rules = new List<AlertRule>();
        for (int i = 0; i < starts.Count; i++)
        {
            int end = i + 1 < starts.Count ? starts[i + 1].Index : text.Length;
            rules.Add(new AlertRule(starts[i].Groups[1].Value, text[starts[i].Index..end]));
        }

        return rules;
    }

    [GeneratedRegex(@"^\s*- alert: (\w+)", RegexOptions.Multiline)]
    private static partial Regex AlertLine();
}
