namespace StreamEngine.Core.Fraud;

/// <summary>Fraud scoring settings (configuration section <c>Fraud</c>); defaults are the documented production values.</summary>
public sealed class FraudOptions
{
    /// <summary>Path of the model file; the host loads it at start-up (empty = the shipped fraud-model-v1.json).</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Overrides the model's review threshold when set.</summary>
    public double? ReviewThreshold { get; set; }

    /// <summary>Overrides the model's decline threshold when set.</summary>
    public double? DeclineThreshold { get; set; }

    /// <summary>Pseudonymised card tokens (keyed hashes, as in events) that are always declined.</summary>
    public IList<ulong> DenyListedCards { get; } = [];

    /// <summary>Earlier declines on the card or device within 10 minutes at which an attempt is declined outright; 0 disables.</summary>
    public int DeclineBurstThreshold { get; set; } = 5;

    /// <summary>Implied speed above which two located payments of a user count as impossible travel.</summary>
    public double ImpossibleTravelSpeedKmh { get; set; } = 900;

    /// <summary>How far the watermark moves between two expiry sweeps of the per-key state.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Learn online from chargebacks of earlier scored payments (one SGD step per label).</summary>
    public bool OnlineLearning { get; set; }

    /// <summary>SGD step size of online learning.</summary>
    public double OnlineLearningRate { get; set; } = 0.01;

    /// <summary>L2 penalty of online learning steps.</summary>
    public double OnlineL2 { get; set; } = 1e-4;

    /// <summary>Weight of a chargeback step relative to a "no chargeback" step (class weight of the rare class).</summary>
    public double OnlinePositiveWeight { get; set; } = 20;

    /// <summary>How long (event time) scored feature vectors wait for a chargeback; expiring unlabelled counts as legitimate.</summary>
    public TimeSpan LabelHorizon { get; set; } = TimeSpan.FromDays(120);

    /// <summary>Bound on remembered scored payments awaiting a label (oldest dropped without a step beyond it).</summary>
    public int LabelStoreCapacity { get; set; } = 100_000;

    /// <summary>Fails with the key's name when a setting is out of range.</summary>
    public void Validate()
    {
        Check(ReviewThreshold is null or (>= 0 and <= 1), nameof(ReviewThreshold), "must be in [0, 1]");
        Check(DeclineThreshold is null or (>= 0 and <= 1), nameof(DeclineThreshold), "must be in [0, 1]");
        Check(DeclineBurstThreshold >= 0, nameof(DeclineBurstThreshold), "must be >= 0");
        Check(ImpossibleTravelSpeedKmh > 0, nameof(ImpossibleTravelSpeedKmh), "must be > 0");
        Check(SweepInterval > TimeSpan.Zero, nameof(SweepInterval), "must be > 0");
        Check(OnlineLearningRate > 0 && double.IsFinite(OnlineLearningRate), nameof(OnlineLearningRate), "must be > 0");
        Check(OnlineL2 >= 0, nameof(OnlineL2), "must be >= 0");
        Check(OnlinePositiveWeight > 0, nameof(OnlinePositiveWeight), "must be > 0");
        Check(LabelHorizon > TimeSpan.Zero, nameof(LabelHorizon), "must be > 0");
        Check(LabelStoreCapacity > 0, nameof(LabelStoreCapacity), "must be > 0");
    }

    private static void Check(bool ok, string key, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"Fraud:{key} {rule}.", key);
        }
    }
}
