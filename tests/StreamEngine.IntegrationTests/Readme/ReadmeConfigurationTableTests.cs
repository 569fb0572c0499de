using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using StreamEngine.IntegrationTests.Operations;

namespace StreamEngine.IntegrationTests.Readme;

/// <summary>README.md's configuration table has one row per section of the documented sample appsettings.json.</summary>
public sealed partial class ReadmeConfigurationTableTests
{
    [Fact]
    public void ConfigurationTable_HasARowForEverySectionOfTheSampleAppSettings()
    {
        var sample = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "src", "StreamEngine.Host", "appsettings.json"), optional: false)
            .Build();
        var sections = sample.GetSection("StreamEngine").GetChildren().Select(s => s.Key).Order(StringComparer.Ordinal).ToList();

        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var configuration = readme[readme.IndexOf("\n## Configuration\n", StringComparison.Ordinal)..];
        configuration = configuration[..configuration.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        var rows = TableRow().Matches(configuration).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

        Assert.Contains("Fraud", sections);
        Assert.Equal(sections, rows);
    }

    [GeneratedRegex(@"^\| `(\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
