namespace StreamEngine.Core.Simulation;

/// <summary>
/// Deterministic storefront traffic generator: clickstream, transactions (with labelled fraud) and inventory records
/// as Kafka-ready key/value pairs. The same options give byte-identical output. Each call of <see cref="Generate"/>
/// starts a fresh run and a fresh <see cref="GroundTruth"/>, which is filled as records are yielded. Not thread-safe:
/// enumerate one run at a time.
/// </summary>
public sealed class StorefrontSimulator
{
    private readonly SimulatorOptions _options;

    /// <summary>Validates the options (throws <see cref="ArgumentException"/> naming the bad key).</summary>
    public StorefrontSimulator(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Counts of the records yielded so far by the latest <see cref="Generate"/> enumeration.</summary>
    public GroundTruth GroundTruth { get; private set; } = new();

    /// <summary>
    /// Yields exactly EventCount records in nearly event-time order. <paramref name="progress"/>, if given, receives the
    /// number of records yielded every <paramref name="progressEvery"/> records and at the end, on the enumerating thread.
    /// </summary>
    public IEnumerable<SimulatedRecord> Generate(IProgress<long>? progress = null, int progressEvery = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(progressEvery);
        return Run(progress, progressEvery);
    }

    private IEnumerable<SimulatedRecord> Run(IProgress<long>? progress, int progressEvery)
    {
        using var run = new SimulationRun(_options);
        GroundTruth = run.Truth;
        foreach (var record in run.Run(progress, progressEvery))
        {
            yield return record;
        }
    }
}
