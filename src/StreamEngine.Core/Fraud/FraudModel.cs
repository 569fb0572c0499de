using System.Globalization;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// A logistic fraud model: score = sigmoid(bias + sum_i weight_i * (x_i - mean_i) / std_i) over the features of
/// <see cref="FraudFeatureExtractor"/> (stored in that order). Immutable except for online learning, which the owning
/// pipeline applies to its own <see cref="Clone"/> on its consume thread.
/// </summary>
public sealed class FraudModel
{
    private readonly double[] _means;
    private readonly double[] _stds;
    private readonly double[] _weights;
    private string? _lineage;

    /// <summary>Creates a model; arrays are in <see cref="FraudFeature"/> order and are copied.</summary>
    public FraudModel(
        string version,
        DateTimeOffset createdAt,
        ReadOnlySpan<double> means,
        ReadOnlySpan<double> stds,
        ReadOnlySpan<double> weights,
        double bias,
        double reviewThreshold,
        double declineThreshold,
        int topK)
    {
        const string src = "(constructed)";
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        FraudModelFile.Require(means.Length == FraudFeatureNames.Count && stds.Length == FraudFeatureNames.Count &&
            weights.Length == FraudFeatureNames.Count, src, "features", $"needs {FraudFeatureNames.Count} values");
        for (var i = 0; i < FraudFeatureNames.Count; i++)
        {
            var at = $"features[{FraudFeatureNames.All[i]}]";
            FraudModelFile.Require(double.IsFinite(means[i]), src, at + ".mean", "must be a finite number");
            FraudModelFile.Require(double.IsFinite(stds[i]) && stds[i] > 0, src, at + ".std", "must be finite and > 0");
            FraudModelFile.Require(double.IsFinite(weights[i]), src, at + ".weight", "must be a finite number");
        }

        FraudModelFile.Require(double.IsFinite(bias), src, "bias", "must be a finite number");
        FraudModelFile.CheckThresholds(reviewThreshold, declineThreshold, src);
        FraudModelFile.Require(topK is >= 0 and <= 3, src, "top_k_reasons", "must be between 0 and 3");
        BaseVersion = version;
        Version = version;
        CreatedAt = createdAt;
        _means = means.ToArray();
        _stds = stds.ToArray();
        _weights = weights.ToArray();
        Bias = bias;
        ReviewThreshold = reviewThreshold;
        DeclineThreshold = declineThreshold;
        TopK = topK;
    }

    /// <summary>
    /// Version including the online-update suffix: "1.0+online.17", or "1.0+online.p3.17" for the copy learning on
    /// partition 3 (each partition learns on its own copy, so the step count alone does not name the weights).
    /// </summary>
    public string Version { get; private set; }

    /// <summary>The version the model was loaded or trained with.</summary>
    public string BaseVersion { get; }

    /// <summary>Online SGD steps taken since load.</summary>
    public long OnlineUpdates { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public double Bias { get; private set; }

    public double ReviewThreshold { get; }

    public double DeclineThreshold { get; }

    public int TopK { get; }

    public IReadOnlyList<double> Means => _means;

    public IReadOnlyList<double> Stds => _stds;

    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Loads and strictly validates a model file; errors name the file and the field.</summary>
    public static FraudModel Load(string path) => FraudModelFile.Parse(File.ReadAllBytes(path), path);

    /// <summary>Loads the model shipped inside this assembly (Fraud/Models/fraud-model-v1.json).</summary>
    public static FraudModel LoadShipped()
    {
        const string name = "StreamEngine.Core.Fraud.Models.fraud-model-v1.json";
        using var stream = typeof(FraudModel).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"Fraud model resource '{name}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return FraudModelFile.Parse(copy.ToArray(), "embedded:fraud-model-v1.json");
    }

    /// <summary>Loads <see cref="FraudOptions.ModelPath"/>, or the shipped model when it is empty.</summary>
    public static FraudModel Load(FraudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.ModelPath) ? LoadShipped() : Load(options.ModelPath);
    }

    /// <summary>Parses and strictly validates model JSON; <paramref name="sourceName"/> appears in error messages.</summary>
    public static FraudModel Parse(ReadOnlySpan<byte> utf8Json, string sourceName) => FraudModelFile.Parse(utf8Json, sourceName);

    /// <summary>Serialises the model in the file format (indented UTF-8 JSON), with optional training metrics.</summary>
    public byte[] ToJson(IReadOnlyDictionary<string, double>? metrics = null) => FraudModelFile.Write(this, metrics);

    /// <summary>
    /// A copy with its own weights (for a pipeline that learns online), optionally with other thresholds;
    /// <paramref name="lineage"/> names the copy in its online versions (e.g. "p3").
    /// </summary>
    public FraudModel Clone(double? reviewThreshold = null, double? declineThreshold = null, string? lineage = null)
    {
        var copy = new FraudModel(BaseVersion, CreatedAt, _means, _stds, _weights, Bias,
            reviewThreshold ?? ReviewThreshold, declineThreshold ?? DeclineThreshold, TopK);
        copy._lineage = lineage ?? _lineage;
        copy.OnlineUpdates = OnlineUpdates;
        copy.Version = copy.OnlineVersion();
        return copy;
    }

    /// <summary>Fraud probability of a raw feature vector (in <see cref="FraudFeature"/> order).</summary>
    public double Probability(ReadOnlySpan<double> features) => Sigmoid(Logit(features));

    /// <summary>Scores a raw feature vector: probability, decision by thresholds, top positive contributors as reasons.</summary>
    public FraudAssessment Score(ReadOnlySpan<double> features)
    {
        CheckLength(features);
        var logit = Bias;
        FraudReason r1 = default, r2 = default, r3 = default;
        double c1 = 0, c2 = 0, c3 = 0;
        for (var i = 0; i < _weights.Length; i++)
        {
            var z = (features[i] - _means[i]) / _stds[i];
            var contribution = _weights[i] * z;
            logit += contribution;
            if (contribution <= c3 || TopK == 0)
            {
                continue;
            }

            // Keep the three largest positive contributions, largest first, without sorting or allocating.
            var reason = FraudReasonCodes.ForFeature((FraudFeature)i, high: z > 0);
            if (contribution > c1)
            {
                (c3, r3, c2, r2, c1, r1) = (c2, r2, c1, r1, contribution, reason);
            }
            else if (contribution > c2)
            {
                (c3, r3, c2, r2) = (c2, r2, contribution, reason);
            }
            else
            {
                (c3, r3) = (contribution, reason);
            }
        }

        var score = Sigmoid(logit);
        var decision = score >= DeclineThreshold ? FraudDecision.Decline
            : score >= ReviewThreshold ? FraudDecision.Review
            : FraudDecision.Approve;
        return new FraudAssessment(score, decision, r1, TopK >= 2 ? r2 : default, TopK >= 3 ? r3 : default);
    }

    /// <summary>
    /// One SGD step of weighted log-loss with L2 on a labelled feature vector, and a version bump. Called only by the
    /// pipeline that owns this instance.
    /// </summary>
    internal void SgdStep(ReadOnlySpan<double> features, bool fraud, double sampleWeight, double learningRate, double l2)
    {
        CheckLength(features);
        var error = (Probability(features) - (fraud ? 1 : 0)) * sampleWeight;
        for (var i = 0; i < _weights.Length; i++)
        {
            var z = (features[i] - _means[i]) / _stds[i];
            _weights[i] -= learningRate * ((error * z) + (l2 * _weights[i]));
        }

        Bias -= learningRate * error;
        OnlineUpdates++;
        Version = OnlineVersion();
    }

    /// <summary>Writes what online learning changes (weights, bias, step count) and which model it started from.</summary>
    internal void SaveOnline(BinaryWriter writer)
    {
        writer.Write(BaseVersion);
        writer.Write(CreatedAt.UtcTicks);
        writer.Write7BitEncodedInt64(OnlineUpdates);
        writer.Write(Bias);
        writer.Write7BitEncodedInt(_weights.Length);
        foreach (var weight in _weights)
        {
            writer.Write(weight);
        }
    }

    /// <summary>
    /// Reads what <see cref="SaveOnline"/> wrote and applies it when it was learnt from this model (same base version
    /// and creation time); returns false, leaving this model as it is, when another model has been deployed since.
    /// </summary>
    internal bool RestoreOnline(BinaryReader reader)
    {
        var baseVersion = reader.ReadString();
        var createdTicks = reader.ReadInt64();
        var updates = reader.Read7BitEncodedInt64();
        var bias = reader.ReadDouble();
        var count = reader.Read7BitEncodedInt();
        FraudStateCodec.Check(count == _weights.Length, $"the online model has {count} weights, this engine {_weights.Length} features");
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            weights[i] = reader.ReadDouble();
            FraudStateCodec.Check(double.IsFinite(weights[i]), "an online model weight is not finite");
        }

        FraudStateCodec.Check(double.IsFinite(bias) && updates >= 0, "the online model's bias or step count is impossible");
        if (baseVersion != BaseVersion || createdTicks != CreatedAt.UtcTicks)
        {
            return false;
        }

        weights.CopyTo(_weights, 0);
        Bias = bias;
        OnlineUpdates = updates;
        Version = OnlineVersion();
        return true;
    }

    internal static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private double Logit(ReadOnlySpan<double> features)
    {
        CheckLength(features);
        var logit = Bias;
        for (var i = 0; i < _weights.Length; i++)
        {
            logit += _weights[i] * (features[i] - _means[i]) / _stds[i];
        }

        return logit;
    }

    private string OnlineVersion() =>
        OnlineUpdates == 0 ? BaseVersion
        : _lineage is null ? string.Create(CultureInfo.InvariantCulture, $"{BaseVersion}+online.{OnlineUpdates}")
        : string.Create(CultureInfo.InvariantCulture, $"{BaseVersion}+online.{_lineage}.{OnlineUpdates}");

    private static void CheckLength(ReadOnlySpan<double> features)
    {
        if (features.Length < FraudFeatureNames.Count)
        {
            throw new ArgumentException($"Expected {FraudFeatureNames.Count} features, got {features.Length}.", nameof(features));
        }
    }
}
