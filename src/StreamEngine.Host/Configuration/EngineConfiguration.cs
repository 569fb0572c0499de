using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace StreamEngine.Host.Configuration;

/// <summary>
/// Builds the layered configuration: appsettings.json (next to the binary, then the working directory), environment
/// variables (StreamEngine__Kafka__GroupId) and command-line switches (--StreamEngine:Kafka:GroupId=g), last one wins.
/// </summary>
internal static partial class EngineConfiguration
{
    public static IConfigurationRoot Build(IEnumerable<string> switches)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(switches.ToArray());
        return builder.Build();
    }

    /// <summary>
    /// Binds a section, failing on keys the options type does not have (typos) and on unconvertible values, naming the
    /// full key in both cases.
    /// </summary>
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        var values = configuration.GetSection(section);
        try
        {
            values.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names an unknown property without its path ("... not found on the instance of X: 'GroupIdd'");
            // a value it cannot convert is already named with its full path ("... value at 'StreamEngine:Kafka:CommitInterval' ...").
            throw UnknownKey(values, ex.Message) is { } key
                ? new Core.OptionsException(key, $"is not a setting of {section} (misspelt?)")
                : new Core.OptionsException($"Invalid configuration in section '{section}': {ex.Message}", ex);
        }

        return options;
    }

    /// <summary>The full path of the first key under <paramref name="section"/> that the binder reported as unknown.</summary>
    private static string? UnknownKey(IConfigurationSection section, string message)
    {
        var match = UnknownProperties().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var names = match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries).Select(n => n.Trim('\''));
        foreach (var name in names)
        {
            foreach (var (path, _) in section.AsEnumerable())
            {
                var segments = path.Split(':');
                var depth = section.Path.Split(':').Length;
                var at = Array.FindIndex(segments, depth, s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    return string.Join(':', segments[..(at + 1)]);
                }
            }
        }

        return null;
    }

    [GeneratedRegex("were not found on the instance of [^:]+: (.+)$")]
    private static partial Regex UnknownProperties();
}
