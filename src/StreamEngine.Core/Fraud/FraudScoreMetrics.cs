using StreamEngine.Core.Metrics;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Records each published score in the engine's fraud metrics: the score histogram, the scoring-latency histogram and
/// the counter of its decision. The series are resolved once here, so <see cref="Record"/> does no lookup or
/// allocation. Called on a partition's consume thread; the metrics themselves are thread-safe.
/// </summary>
public sealed class FraudScoreMetrics
{
    private readonly Histogram _score;
    private readonly Histogram _latency;
    private readonly Counter[] _decisions;

    public FraudScoreMetrics(EngineMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _score = metrics.FraudScore;
        _latency = metrics.FraudScoringLatency;
        _decisions =
        [
            .. Enum.GetValues<FraudDecision>().Select(d => metrics.FraudDecisions.WithLabels(FraudScoreMessageWriter.DecisionName(d))),
        ];
    }

    /// <summary>
    /// Observes the score and the latency (from receiving the record to handing the score to the Kafka producer) and
    /// counts the decision.
    /// </summary>
    public void Record(in FraudScore score, double latencySeconds)
    {
        _score.Observe(score.Score);
        _latency.Observe(latencySeconds);
        _decisions[(int)score.Decision].Inc();
    }
}
