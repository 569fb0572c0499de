using Microsoft.Extensions.Configuration;

namespace StreamEngine.Host.Configuration;

/// <summary>
/// Builds the layered configuration: appsettings.json (next to the binary, then the working directory), environment
/// variables (StreamEngine__Kafka__GroupId) and command-line switches (--StreamEngine:Kafka:GroupId=g), last one wins.
/// </summary>
internal static class EngineConfiguration
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

    /// <summary>Binds a section, failing on keys the options type does not have (typos) and on unconvertible values.</summary>
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new Core.OptionsException($"Invalid configuration in section '{section}': {ex.Message}", ex);
        }

        return options;
    }
}
