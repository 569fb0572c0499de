namespace StreamEngine.Core.Fraud;

/// <summary>Settings of <see cref="FraudTrainer"/>; defaults suit the simulator's traffic.</summary>
public sealed class FraudTrainingOptions
{
    /// <summary>Version written to the model file.</summary>
    public string Version { get; set; } = "1.0";

    /// <summary>Creation time written to the model file (fixed by callers that want byte-identical output).</summary>
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UnixEpoch;

    /// <summary>L2 penalty on standardised weights.</summary>
    public double L2 { get; set; } = 1e-2;

    /// <summary>Weight both classes so each contributes half of the loss (frauds are rare).</summary>
    public bool BalanceClasses { get; set; } = true;

    public int MaxIterations { get; set; } = 30;

    /// <summary>Newton stops when no coefficient moves by more than this.</summary>
    public double Tolerance { get; set; } = 1e-6;

    /// <summary>Share of attempts, the latest by event time, held out for evaluation.</summary>
    public double ValidationFraction { get; set; } = 0.2;

    /// <summary>Review threshold written to the model (a probability of the class-balanced model); null = from <see cref="ReviewRate"/>.</summary>
    public double? ReviewThreshold { get; set; } = 0.5;

    /// <summary>Decline threshold written to the model; null = from <see cref="DeclineRate"/>.</summary>
    public double? DeclineThreshold { get; set; } = 0.9;

    /// <summary>Share of payments the review team can look at: the precision metric, and the review threshold if not set.</summary>
    public double ReviewRate { get; set; } = 0.01;

    /// <summary>Share of payments the model declines outright when <see cref="DeclineThreshold"/> is null.</summary>
    public double DeclineRate { get; set; } = 0.002;

    /// <summary>Keep this share of legitimate training rows (re-weighted), for very large inputs; 1 keeps all.</summary>
    public double NegativeSampleRate { get; set; } = 1.0;

    /// <summary>Seed of the negative sampling, so a run is reproducible.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Reasons per score written to the model file (0-3).</summary>
    public int TopKReasons { get; set; } = 3;

    /// <summary>Feature settings; must match the ones used when scoring.</summary>
    public FraudOptions Features { get; set; } = new();
}
