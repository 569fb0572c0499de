using System.Globalization;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Scores the payments of one partition: feature state, hard rules, model and (optionally) online learning from
/// chargebacks. Not thread-safe: create one per partition and call it only on that partition's consume thread.
/// Its whole state (per-key features, payments awaiting a label, the online-learnt model) is checkpointable.
/// </summary>
public sealed class FraudScorer : ICheckpointState
{
    private const byte FormatVersion = 1;
    private readonly FraudFeatureExtractor _extractor;
    private readonly FraudRules _rules;
    private readonly FraudLabelStore? _labels;
    private readonly FraudOptions _options;

    /// <param name="partition">Names this scorer's online versions ("1.1+online.p3.17"); null outside a partitioned engine.</param>
    public FraudScorer(FraudModel model, FraudOptions options, int? partition = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _extractor = new FraudFeatureExtractor(options);
        _rules = new FraudRules(options);

        // Online learning mutates weights, so each partition learns on its own copy; thresholds from options win.
        Model = options.OnlineLearning || options.ReviewThreshold is not null || options.DeclineThreshold is not null
            ? model.Clone(options.ReviewThreshold, options.DeclineThreshold, partition is { } p ? string.Create(CultureInfo.InvariantCulture, $"p{p}") : null)
            : model;
        if (options.OnlineLearning)
        {
            _labels = new FraudLabelStore((long)options.LabelHorizon.TotalMilliseconds, options.LabelStoreCapacity);
        }
    }

    /// <summary>Raised after each online learning step, on the consume thread, so the host can log the new version.</summary>
    public event EventHandler<FraudModelUpdatedEventArgs>? ModelUpdated;

    /// <summary>The model in use (a private copy when online learning is on).</summary>
    public FraudModel Model { get; }

    /// <summary>Keys held by the feature state plus payments awaiting a label.</summary>
    public int StateCount => _extractor.StateCount + (_labels?.Count ?? 0);

    /// <summary>Clickstream hook (session start, user's first event); see <see cref="FraudFeatureExtractor.ObserveClick"/>.</summary>
    public void ObserveClick(in ClickEvent click) => _extractor.ObserveClick(click);

    /// <summary>
    /// Updates state with <paramref name="payment"/>; for an authorisation attempt returns true and its score. Refunds
    /// and chargebacks only update history (and feed online learning) and return false.
    /// </summary>
    public bool TryScore(in PaymentEvent payment, out FraudScore score)
    {
        var features = default(FraudFeatureVector);
        if (!_extractor.Process(payment, features))
        {
            if (_labels is not null && payment.Type == PaymentEventType.Chargeback &&
                _labels.TryTake(payment.TxnId, out var labelled))
            {
                Learn(payment.TxnId, labelled, fraud: true);
            }

            score = default;
            return false;
        }

        var rule = _rules.Evaluate(payment.CardToken, features);
        var a = Model.Score(features);
        if (rule != FraudReason.None)
        {
            a = new FraudAssessment(a.Score, FraudDecision.Decline, rule, a.Reason1, a.Reason2);
        }

        score = new FraudScore(payment.TxnId, payment.UserId, payment.CardToken, payment.TimeMs, payment.AmountCents,
            payment.Currency, a.Score, a.Decision, a.Reason1, a.Reason2, a.Reason3, Model.Version, features);
        _labels?.Add(payment.TxnId, payment.TimeMs, features);
        return true;
    }

    /// <summary>Expires idle keys and, with online learning, learns "no chargeback" for payments past the label horizon.</summary>
    public void AdvanceWatermark(long watermarkMs)
    {
        if (watermarkMs == long.MinValue)
        {
            return;
        }

        _extractor.AdvanceWatermark(watermarkMs);
        while (_labels is not null && _labels.TryTakeExpired(watermarkMs, out var txnId, out var features))
        {
            Learn(txnId, features, fraud: false);
        }
    }

    /// <summary>Writes the feature state and, with online learning, the label store and the learnt model.</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(FormatVersion);
        _extractor.Save(writer);
        writer.Write(_labels is not null);
        if (_labels is not null)
        {
            _labels.Save(writer);
            Model.SaveOnline(writer);
        }
    }

    /// <summary>
    /// Restores what <see cref="Save"/> wrote, on a scorer built with the same model and options. Settings changed in
    /// between are honoured rather than refused (refusing would rebuild the partition from the start of retention):
    /// with online learning now off the saved labels and weights are dropped; newly on, it starts from the loaded model
    /// with no pending labels; weights learnt from another model than the one now loaded (version, created_at) are dropped.
    /// </summary>
    public void Restore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var version = reader.ReadByte();
        FraudStateCodec.Check(version == FormatVersion, $"format {version} is not supported (expected {FormatVersion})");
        _extractor.Restore(reader);
        var online = reader.ReadByte();
        FraudStateCodec.Check(online <= 1, "the online-learning flag is neither 0 nor 1");
        if (online == 1)
        {
            var labels = _labels ?? new FraudLabelStore(1, 1);
            labels.Restore(reader);
            var model = _labels is not null ? Model : Model.Clone();
            model.RestoreOnline(reader);
        }
    }

    private void Learn(string txnId, in FraudFeatureVector features, bool fraud)
    {
        var previous = Model.Version;
        Model.SgdStep(features, fraud, fraud ? _options.OnlinePositiveWeight : 1.0, _options.OnlineLearningRate, _options.OnlineL2);
        ModelUpdated?.Invoke(this, new FraudModelUpdatedEventArgs(txnId, fraud, previous, Model.Version));
    }
}
