using StreamEngine.Core.Simulation;
using StreamEngine.Host.Engine;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Commands;

/// <summary>
/// Runs the simulator into Kafka while the engine consumes, then lets the engine drain once it has caught up with
/// everything produced. Production never runs more than <see cref="MaxRecordsAhead"/> records or
/// <see cref="MaxBytesAhead"/> bytes ahead of consumption, because the mock cluster keeps only the newest 5 MB per partition.
/// </summary>
internal static class SimulatedRun
{
    public const long MaxRecordsAhead = 20_000;

    /// <summary>Below the mock's 5 MB per partition even if every byte went to one partition.</summary>
    public const long MaxBytesAhead = 4 * 1024 * 1024;

    /// <summary>Returns the number of records produced; the engine has drained, flushed and committed when it returns.</summary>
    public static Task<long> ExecuteAsync(
        EngineHost host, StorefrontSimulator simulator, string bootstrapServers, Action<long>? progress, CancellationToken cancellationToken) =>
        ExecuteAsync(host, SimulationSource.Records(simulator), bootstrapServers, progress, cancellationToken);

    /// <summary>The same with any records, e.g. simulated traffic with bad payloads mixed in.</summary>
    public static async Task<long> ExecuteAsync(
        EngineHost host,
        IEnumerable<(string Topic, byte[] Key, byte[] Value, long TimestampMs)> records,
        string bootstrapServers,
        Action<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(records);
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
                        records,
                        ratePerSecond: 0,
                        consumed: () => host.Source.Consumed,
                        maxAhead: MaxRecordsAhead,
                        maxBytesAhead: MaxBytesAhead,
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
