using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using StreamEngine.Core;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Commands;

/// <summary>
/// <c>streamengine run</c>: the engine, until Ctrl+C or SIGTERM; offsets are committed on the way out. With
/// <c>--until-idle S</c> it is a bounded run: once every partition is caught up and no record arrived for S seconds it
/// drains every open window (as at end of input), flushes, commits and exits 0 (batch back-fills, tests).
/// </summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(IConfiguration configuration, CommandLine flags, CancellationToken cancellationToken)
    {
        foreach (var name in flags.Names)
        {
            if (name != "until-idle")
            {
                throw new OptionsException($"--{name}", "is not an option of run (only --until-idle SECONDS)");
            }
        }

        var idleSeconds = flags.Has("until-idle") ? flags.GetInt64("until-idle", 0) : -1;
        var options = EngineOptions.Load(configuration);
        using var loggerFactory = Logging.Create();
        using var mock = options.Kafka.UsesMockCluster ? new MockKafkaCluster(options.Kafka.MockBrokers, loggerFactory.CreateLogger("StreamEngine")) : null;
        mock?.EnsureTopics(options.Kafka.InputTopics); // a real cluster's topics are created by its operators (checked at start-up)
        await using var host = await EngineHost.StartAsync(options, mock?.BootstrapServers ?? options.Kafka.BootstrapServers, loggerFactory, cancellationToken);
        try
        {
            await host.RunAsync(cancellationToken, idleSeconds < 0 ? null : IdleFor(host.Source, TimeSpan.FromSeconds(idleSeconds)));
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"streamengine: stopped: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Asked by the consume loop only while every partition is caught up: true once no record was consumed for
    /// <paramref name="idle"/>. Consume thread only.
    /// </summary>
    private static Func<bool> IdleFor(KafkaSource source, TimeSpan idle)
    {
        var lastCount = -1L;
        var since = 0L;
        return () =>
        {
            var count = source.RecordsConsumed;
            if (count != lastCount)
            {
                lastCount = count;
                since = Stopwatch.GetTimestamp();
                return idle == TimeSpan.Zero;
            }

            return Stopwatch.GetElapsedTime(since) >= idle;
        };
    }
}
