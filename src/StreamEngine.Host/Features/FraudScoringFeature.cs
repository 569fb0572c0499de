using System.Diagnostics;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text;
using Microsoft.Extensions.Logging;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Time;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>
/// Scores every authorisation attempt of a partition (<see cref="FraudScorer"/>, which also observes the partition's
/// clicks: both topics are keyed by user_id, so one task sees a user's clicks and payments) and publishes each score to
/// the fraud-scores topic, the <c>fraud_scores</c> table and the fraud metrics. The scorer's state is checkpointed
/// (<see cref="PartitionStreams.Checkpointed"/>), so it survives restarts and partition moves. Named apart from Core's
/// <see cref="FraudFeature"/> (the feature-vector enum).
/// </summary>
internal sealed partial class FraudScoringFeature(FraudModel model, FraudOptions options, string topic) : IFeature
{
    private static readonly double TicksPerMicrosecond = Stopwatch.Frequency / 1e6;
    private readonly object _gate = new();
    private FraudScorer[] _scorers = [];
    private bool _gaugeBound;

    public string Name => "fraud";

    /// <summary>
    /// Fraud state lives in per-key structs, not in window operators, so no open offsets are tracked: the scorer is
    /// checkpointed as "fraud" instead, and commits never pass the checkpoint. Scores are written before the commit.
    /// </summary>
    public InputTopic StateInput => InputTopic.Transactions;

    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Clickstream, InputTopic.Transactions];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [FraudScoresTable.Definition];

    public FraudModel Model => model;

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var partition = streams.Partition;
        var scorer = new FraudScorer(model, options, partition);

        // Restores the scorer when the task starts from a checkpoint; it may throw, so it comes before any subscription.
        var inputs = streams.Checkpointed(Name, scorer);
        var logger = outputs.Logger;
        scorer.ModelUpdated += (_, e) => LogModelUpdated(logger, partition, e.PreviousVersion, e.Version, e.TxnId, e.Fraud);
        var metrics = outputs.Metrics;
        var scoreMetrics = new FraudScoreMetrics(metrics);
        var table = outputs.Table(FraudScoresTable.Definition, FraudScoresTable.Encoder);
        var kafka = outputs.Kafka;
        var status = outputs.Status;
        var message = new FraudScoreMessageWriter();
        Track(scorer, metrics);

        var clicks = inputs.Clicks.Subscribe(
            item =>
            {
                if (!item.IsPunctuation)
                {
                    scorer.ObserveClick(item.Value);
                }
            },
            error => throw new InvalidOperationException("Clickstream feeding fraud scoring failed.", error));
        var scores = FraudPipeline.Build(inputs.Payments, scorer).Subscribe(
            item =>
            {
                if (item.IsPunctuation)
                {
                    return;
                }

                // The message carries received -> scored (it cannot contain its own serialisation); the histogram runs
                // on to the moment the message is handed to the Kafka producer, i.e. published by the engine.
                var score = item.Value;
                var latencyUs = (long)((Stopwatch.GetTimestamp() - streams.CurrentRecordTimestamp) / TicksPerMicrosecond);
                var value = message.Write(score, latencyUs).ToArray();
                kafka.Produce(topic, Encoding.UTF8.GetBytes(score.TxnId), value);
                var publishedTicks = Stopwatch.GetTimestamp() - streams.CurrentRecordTimestamp;
                table.Add(new FraudScoreRow(score, latencyUs));
                scoreMetrics.Record(score, publishedTicks / (double)Stopwatch.Frequency);
                if (score.Decision != FraudDecision.Approve)
                {
                    status.RecordRiskyPayment(score);
                }
            },
            error => throw new InvalidOperationException("Fraud scoring failed.", error));
        return new CompositeDisposable(clicks, scores, message, Disposable.Create(() => Untrack(scorer)));
    }

    // The gauge sums every task's state; tasks come and go on the consume thread, the scrape reads a snapshot array.
    private void Track(FraudScorer scorer, EngineMetrics metrics)
    {
        lock (_gate)
        {
            _scorers = [.. _scorers, scorer];
            if (!_gaugeBound)
            {
                metrics.StateEntries.WithLabels(Name).Bind(() =>
                {
                    var total = 0L;
                    foreach (var s in Volatile.Read(ref _scorers))
                    {
                        total += s.StateCount;
                    }

                    return total;
                });
                _gaugeBound = true;
            }
        }
    }

    private void Untrack(FraudScorer scorer)
    {
        lock (_gate)
        {
            _scorers = Array.FindAll(_scorers, s => !ReferenceEquals(s, scorer));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fraud model of partition {Partition} updated online: {PreviousVersion} -> {Version} (txn {TxnId}, chargeback {Fraud})")]
    private static partial void LogModelUpdated(ILogger logger, int partition, string previousVersion, string version, string txnId, bool fraud);
}
