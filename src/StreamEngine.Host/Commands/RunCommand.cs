using Microsoft.Extensions.Configuration;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Commands;

/// <summary><c>streamengine run</c>: the engine, until Ctrl+C or SIGTERM; offsets are committed on the way out.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var options = EngineOptions.Load(configuration);
        using var loggerFactory = Logging.Create();
        using var mock = options.Kafka.UsesMockCluster ? new MockKafkaCluster(options.Kafka.MockBrokers, loggerFactory.CreateLogger("StreamEngine")) : null;
        await using var host = await EngineHost.StartAsync(options, mock?.BootstrapServers ?? options.Kafka.BootstrapServers, loggerFactory, cancellationToken);
        try
        {
            await host.RunAsync(cancellationToken);
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"streamengine: stopped: {ex.Message}");
            return 1;
        }
    }
}
