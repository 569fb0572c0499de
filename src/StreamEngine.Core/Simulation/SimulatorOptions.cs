namespace StreamEngine.Core.Simulation;

/// <summary>
/// Settings of the storefront simulator, bound from "StreamEngine:Simulator". The defaults give one simulated day of
/// one million records.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "StreamEngine:Simulator";

    // Keeps offset plus sequence numbers far from overflowing a long however long a run lasts.
    private const long MaxIdOffset = 100_000_000_000_000_000;

    /// <summary>Seed of the random generator: the same options give byte-identical output.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Total number of records emitted over all three topics.</summary>
    public long EventCount { get; set; } = 1_000_000;

    /// <summary>Event time of the start of the simulation.</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Event time the <see cref="EventCount"/> records are spread over (approximately: traffic is paced to it).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Keep emitting after <see cref="EventCount"/> records, until the caller stops enumerating: EventCount per Duration
    /// is then only the mean rate. The ground truth keeps counts only (no per-session, order, fraud id or SKU-day
    /// entries), so memory stays bounded however long it runs.
    /// </summary>
    public bool Continuous { get; set; }

    /// <summary>
    /// Added to every sequence-numbered id (event, session, order, transaction, shipment, purchase order), so a later
    /// run with the same seed (the same users and catalogue) does not repeat the ids of an earlier one.
    /// </summary>
    public long IdOffset { get; set; }

    /// <summary>Number of registered users (activity is Zipf-distributed over them).</summary>
    public int Users { get; set; } = 50_000;

    /// <summary>Number of products (SKUs), spread over up to 20 categories.</summary>
    public int Products { get; set; } = 2_000;

    /// <summary>Number of warehouses (1 to 9).</summary>
    public int Warehouses { get; set; } = 3;

    /// <summary>Comma-separated ISO 3166 alpha-2 codes of the shop countries; each has a built-in currency.</summary>
    public string Countries { get; set; } = "US,DE,FR,GB,JP,BR,IN,CA,AU,NL,ES,IT";

    /// <summary>Share of payments (authorized and declined) that come from fraud scenarios.</summary>
    public double FraudRate { get; set; } = 0.02;

    /// <summary>Share of records whose timestamps are ISO 8601 strings with an offset instead of epoch milliseconds.</summary>
    public double IsoTimestampShare { get; set; } = 0.1;

    /// <summary>
    /// Largest amount a record's ts may be below the largest ts emitted before it (over all topics, hence also per
    /// Kafka partition).
    /// </summary>
    public TimeSpan MaxOutOfOrderness { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Optional step change of one product's demand, for safety-stock tests.</summary>
    public DemandStep? DemandStep { get; set; }

    /// <summary>Names of the three topics the records are meant for.</summary>
    public SimulatorTopicNames Topics { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the configuration key of the first invalid setting.</summary>
    public void Validate()
    {
        Check(EventCount > 0, nameof(EventCount), "must be positive");
        Check(Duration > TimeSpan.Zero, nameof(Duration), "must be positive");
        Check(IdOffset is >= 0 and <= MaxIdOffset, nameof(IdOffset), "must be in 0..10^17");
        Check(Users is > 0 and <= 1_000_000, nameof(Users), "must be in 1..1000000");
        Check(Products is > 0 and <= 1_000_000, nameof(Products), "must be in 1..1000000");
        Check(Warehouses is >= 1 and <= 9, nameof(Warehouses), "must be in 1..9");
        Check(FraudRate is >= 0 and <= 0.5, nameof(FraudRate), "must be in [0, 0.5]");
        Check(IsoTimestampShare is >= 0 and <= 1, nameof(IsoTimestampShare), "must be in [0, 1]");
        Check(MaxOutOfOrderness >= TimeSpan.Zero, nameof(MaxOutOfOrderness), "must not be negative");
        var countries = CountryTable.Select(Countries ?? "");
        Check(countries is { Length: >= 2 }, nameof(Countries), "must list at least two known country codes: " + CountryTable.KnownCodes);
        Check(Topics is not null, nameof(Topics), "must be set");
        Check(!string.IsNullOrWhiteSpace(Topics!.Clickstream), "Topics:Clickstream", "must be set");
        Check(!string.IsNullOrWhiteSpace(Topics.Transactions), "Topics:Transactions", "must be set");
        Check(!string.IsNullOrWhiteSpace(Topics.Inventory), "Topics:Inventory", "must be set");
        if (DemandStep is { } step)
        {
            Check(step.SkuIndex >= 0 && step.SkuIndex < Products, "DemandStep:SkuIndex", "must be in 0..Products-1");
            Check(step.Factor is > 0 and <= 1000, "DemandStep:Factor", "must be in (0, 1000]");
        }
    }

    private static void Check(bool ok, string key, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"{SectionName}:{key} {message}.", key);
        }
    }
}
