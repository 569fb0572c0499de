using Microsoft.Extensions.Logging;

namespace StreamEngine.Host.Commands;

/// <summary>Console logging for the command-line verbs.</summary>
internal static class Logging
{
    public static ILoggerFactory Create(LogLevel minimum = LogLevel.Information) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            }));
}
