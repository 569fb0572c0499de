using StreamEngine.Core.Simulation;
using StreamEngine.Host.Engine;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Commands;

/// <summary>
/// Runs the simulator into Kafka while the engine consumes, then lets the engine drain once it has caught up with
/// everything produced. Production never runs more than <see cref="MaxRecordsAhead"/> records ahead of consumption,
/// because the mock cluster keeps only the newest 5 MB per partition.
/// </summary>
internal static class SimulatedRun
{
    public const long MaxRecordsAhead = 20_000;

    /// <summary>Returns the number of records produced; the engine has drained, flushed and committed when it returns.</summary>
    public static async Task<long> ExecuteAsync(
        EngineHost host, StorefrontSimulator simulator, string bootstrapServers, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(simulator);
        var producerDone = 0;
        using var stopProducer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var engine = host.RunAsync(cancellationToken, () => Volatile.Read(ref producerDone) == 1);
        var producing = Task.Run(
            () =>
            {
                using var producer = new RecordProducer(host.Options.Kafka.BuildProducerConfig(bootstrapServers));
                try
                {
                    return producer.Produce(
                        SimulationSource.Records(simulator),
                        ratePerSecond: 0,
                        consumed: () => host.Source.RecordsConsumed,
                        maxAhead: MaxRecordsAhead,
                        progress,
                        stopProducer.Token);
                }
                finally
                {
                    Volatile.Write(ref producerDone, 1);
                }
            },
            stopProducer.Token);

        // If the engine stops on an error first, surface it instead of waiting for a producer blocked on consumption.
        if (await Task.WhenAny(engine, producing) == engine && engine.IsFaulted)
        {
            await stopProducer.CancelAsync();
            await engine;
        }

        var produced = await producing;
        await engine;
        return produced;
    }
}
