using System.Globalization;
using System.Reactive.Subjects;
using StreamEngine.Core.Events;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Tests.Metrics;
using StreamEngine.Core.Time;
using static StreamEngine.Core.Tests.Fraud.FraudTestEvents;

namespace StreamEngine.Core.Tests.Fraud;

public sealed class FraudScoreMetricsTests
{
    [Fact]
    public void ScoredPayments_AreObservedInScoreAndLatencyHistograms_AndCountedPerDecision()
    {
        var metrics = new EngineMetrics(new MetricRegistry());
        var recorder = new FraudScoreMetrics(metrics);

        // Only log_amount weighs: 1 EUR is approved, 1,000 EUR sent to review, 100,000 EUR declined.
        var weights = new double[FraudFeatureNames.Count];
        weights[(int)FraudFeature.LogAmount] = 1;
        var model = new FraudModel("m", DateTimeOffset.UnixEpoch, new double[FraudFeatureNames.Count],
            Enumerable.Repeat(1.0, FraudFeatureNames.Count).ToArray(), weights, -5, 0.5, 0.9, 3);
        (long Cents, long LatencyUs)[] payments = [(100, 15), (100_000, 30), (100, 70), (10_000_000, 300), (100, 5_000)];

        var scores = new List<FraudScore>();
        var input = new Subject<StreamItem<PaymentEvent>>();
        using (FraudPipeline.Build(input, new FraudScorer(model, new FraudOptions())).Subscribe(
            item =>
            {
                scores.Add(item.Value);
                recorder.Record(item.Value, payments[(int)item.Offset].LatencyUs / 1e6);
            },
            e => throw e))
        {
            for (var i = 0; i < payments.Length; i++)
            {
                var t = T0 + (i * Minute);
                input.OnNext(StreamItem.Event(Attempt(t, user: (ulong)i, cents: payments[i].Cents, txn: $"t{i}"), t, t, i));
            }
        }

        FraudDecision[] decisions = [FraudDecision.Approve, FraudDecision.Review, FraudDecision.Approve, FraudDecision.Decline, FraudDecision.Approve];
        Assert.Equal(decisions, scores.Select(s => s.Decision));
        var samples = metrics.Registry.Samples();
        Assert.Contains("streamengine_fraud_decisions_total{decision=\"approve\"} 3", samples);
        Assert.Contains("streamengine_fraud_decisions_total{decision=\"review\"} 1", samples);
        Assert.Contains("streamengine_fraud_decisions_total{decision=\"decline\"} 1", samples);

        AssertHistogram(samples, "streamengine_fraud_score_ratio", metrics.FraudScore.UpperBounds, [.. scores.Select(s => s.Score)]);
        AssertHistogram(samples, "streamengine_fraud_scoring_duration_seconds", metrics.FraudScoringLatency.UpperBounds,
            [.. payments.Select(p => p.LatencyUs / 1e6)]);
    }

    /// <summary>The scraped _count, _sum and cumulative buckets equal those of <paramref name="observed"/>.</summary>
    private static void AssertHistogram(string[] samples, string name, IReadOnlyList<double> bounds, double[] observed)
    {
        Assert.Equal(observed.Length, Value(samples, name + "_count"));
        Assert.Equal(observed.Sum(), Value(samples, name + "_sum"), 12);
        foreach (var bound in bounds)
        {
            var le = bound.ToString("R", CultureInfo.InvariantCulture);
            Assert.Equal(observed.Count(v => v <= bound), Value(samples, $"{name}_bucket{{le=\"{le}\"}}"));
        }

        Assert.Equal(observed.Length, Value(samples, name + "_bucket{le=\"+Inf\"}"));
        Assert.Contains(bounds, b => observed.Count(v => v <= b) < observed.Length); // not all in the first bucket
    }

    private static double Value(string[] samples, string series) =>
        double.Parse(samples.Single(s => s.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..], CultureInfo.InvariantCulture);
}
