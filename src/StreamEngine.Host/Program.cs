using System.Runtime.InteropServices;
using StreamEngine.ClickHouse;
using StreamEngine.Core;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host;

internal static class Program
{
    private const string Usage = """
        streamengine <command> [options] [--StreamEngine:Section:Key=value ...]

        commands:
          run              consume the input topics and run every pipeline until stopped (Ctrl+C); with --until-idle S:
                           drain every window, flush, commit and exit once caught up and no record arrived for S seconds
          demo             simulate traffic into the embedded Kafka and run the engine over it, then summarise
                           (status page at the StreamEngine:Http:Url while it runs; --hold keeps it up until Ctrl+C)
          simulate         write simulated storefront traffic to Kafka (--events N, --rate N per second, --seed N),
                           or to a JSON-lines file (--out FILE [--topic transactions|clickstream|inventory|all]);
                           --live [--rate N]: a storefront with current timestamps, N (default 200) records/s on
                           average with a daily rhythm, until stopped; each start is a new run with new ids
          train            fit the fraud model: --input FILE (JSON lines or CSV) --out model.json
                           [--clicks FILE (clickstream JSON lines)] [--format jsonl|csv] [--holdout 0.2]
                           [--review-rate 0.01] [--version V]
          schema apply     create the ClickHouse database and tables (idempotent)
          bench            end-to-end benchmark: in memory on 1 and 2 threads (--events N), --kafka (mock Kafka + ClickHouse), --breakdown (per-stage cost), --state-memory --users N (heap per key)

        Configuration: appsettings.json, environment (StreamEngine__Kafka__BootstrapServers) and --StreamEngine:... switches.
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var (verb, rest) = args[0] == "schema" && args.Length > 1 ? ($"schema {args[1]}", args[2..]) : (args[0], args[1..]);
        var (flags, switches) = CommandLine.Split(rest);
        // SIGTERM (orchestrators), SIGINT (Ctrl+C) and SIGQUIT stop the command gracefully: the default action (exit at
        // once) is cancelled, so the engine flushes, checkpoints and commits before Main returns. A second signal exits.
        var cancellation = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        }

        try
        {
            var configuration = EngineConfiguration.Build(switches);
            return verb switch
            {
                "run" => await RunCommand.ExecuteAsync(configuration, flags, cancellation.Token),
                "demo" => await DemoCommand.ExecuteAsync(configuration, flags, cancellation.Token),
                "simulate" => await SimulateCommand.ExecuteAsync(configuration, flags, cancellation.Token),
                "train" => await TrainCommand.ExecuteAsync(configuration, flags, Console.Out),
                "schema apply" => await SchemaCommand.ExecuteAsync(configuration, cancellation.Token),
                "bench" => await BenchCommand.ExecuteAsync(configuration, flags, cancellation.Token),
                _ => Fail($"unknown command '{verb}'\n\n{Usage}"),
            };
        }
        catch (OptionsException ex)
        {
            return Fail(ex.Message);
        }
        catch (ClickHouseException ex)
        {
            // Start-up could not reach or use ClickHouse (schema apply): say which server and query, without a stack trace.
            Console.Error.WriteLine($"streamengine: ClickHouse: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return 130;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"streamengine: {message}");
        return 2;
    }
}
