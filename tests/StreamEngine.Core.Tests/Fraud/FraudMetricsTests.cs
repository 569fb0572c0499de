using StreamEngine.Core.Fraud;

namespace StreamEngine.Core.Tests.Fraud;

public sealed class FraudMetricsTests
{
    [Fact]
    public void RocAuc_MatchesHandComputedCases()
    {
        Assert.Equal(0.75, FraudMetrics.RocAuc([0.9, 0.8, 0.7, 0.6], [true, false, true, false]), 12);
        Assert.Equal(1.0, FraudMetrics.RocAuc([0.9, 0.1], [true, false]), 12);
        Assert.Equal(0.0, FraudMetrics.RocAuc([0.1, 0.9], [true, false]), 12);
        Assert.Equal(0.5, FraudMetrics.RocAuc([0.5, 0.5], [true, false]), 12); // a tie counts half
        Assert.True(double.IsNaN(FraudMetrics.RocAuc([0.5, 0.4], [true, true])));
    }

    [Fact]
    public void AveragePrecision_MatchesHandComputedCases()
    {
        // Ranked T F T F: precision 1/1 at the first hit, 2/3 at the second.
        Assert.Equal((1 + (2.0 / 3)) / 2, FraudMetrics.AveragePrecision([0.9, 0.8, 0.7, 0.6], [true, false, true, false]), 12);
        Assert.Equal(1.0, FraudMetrics.AveragePrecision([0.9, 0.8, 0.1], [true, true, false]), 12);

        // One tied group of everything: precision = base rate.
        Assert.Equal(0.25, FraudMetrics.AveragePrecision([0.3, 0.3, 0.3, 0.3], [true, false, false, false]), 12);
    }

    [Fact]
    public void RocAucAndAveragePrecision_MatchBruteForceOnRandomScoresWithTies()
    {
        var rng = new Random(11);
        for (var run = 0; run < 50; run++)
        {
            var n = rng.Next(2, 60);
            var scores = Enumerable.Range(0, n).Select(_ => rng.Next(0, 8) / 8.0).ToArray();
            var labels = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.3).ToArray();
            var pos = Enumerable.Range(0, n).Where(i => labels[i]).ToArray();
            var neg = Enumerable.Range(0, n).Where(i => !labels[i]).ToArray();
            if (pos.Length == 0 || neg.Length == 0)
            {
                continue;
            }

            var pairs = pos.Sum(p => neg.Sum(q => scores[p] > scores[q] ? 1.0 : scores[p] == scores[q] ? 0.5 : 0));
            Assert.Equal(pairs / (pos.Length * (double)neg.Length), FraudMetrics.RocAuc(scores, labels), 12);

            // AP over distinct thresholds: sum (recall_k - recall_k-1) * precision_k.
            double ap = 0, prevRecall = 0;
            foreach (var threshold in scores.Distinct().OrderByDescending(s => s))
            {
                var flagged = Enumerable.Range(0, n).Where(i => scores[i] >= threshold).ToArray();
                var tp = flagged.Count(i => labels[i]);
                var recall = tp / (double)pos.Length;
                ap += (recall - prevRecall) * (tp / (double)flagged.Length);
                prevRecall = recall;
            }

            Assert.Equal(ap, FraudMetrics.AveragePrecision(scores, labels), 12);
        }
    }

    [Fact]
    public void PrecisionAtRate_TakesTheTopShareByScore()
    {
        double[] scores = [0.1, 0.95, 0.3, 0.9, 0.2, 0.8, 0.4, 0.5, 0.6, 0.7];
        bool[] labels = [false, true, false, false, false, true, false, false, false, false];
        Assert.Equal(0.5, FraudMetrics.PrecisionAtRate(scores, labels, 0.2), 12); // 0.95 (T), 0.9 (F)
        Assert.Equal(1.0, FraudMetrics.PrecisionAtRate(scores, labels, 0.01), 12); // at least one payment
        Assert.Equal(2 / 3.0, FraudMetrics.PrecisionAtRate(scores, labels, 0.3), 12);
    }
}
