using System.Diagnostics;
using System.Globalization;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Simulation;
using Xunit.Abstractions;

namespace StreamEngine.Core.Tests.Fraud;

/// <summary>
/// Issue 5's evidence per labelled fraud pattern of the simulator: a model trained from scratch (payments and
/// clickstream, as live) is judged on the held-out latest 20 % of attempts, each pattern on its own against the
/// legitimate payments of that split, with the decisions of the live scorer.
/// </summary>
public sealed class FraudPatternDetectionTests(ITestOutputHelper output)
{
    /// <summary>Per pattern: least share flagged (review or decline) and least ROC AUC against legitimate payments.</summary>
    private static readonly Dictionary<FraudPattern, (double Recall, double RocAuc)> Bounds = new()
    {
        [FraudPattern.CardTesting] = (0.9, 0.99),
        [FraudPattern.AccountTakeover] = (0.9, 0.99),
        [FraudPattern.ImpossibleTravel] = (0.9, 0.99),

        // Weak, and reported as such (docs/fraud.md): apart from its amount, a new account's large first purchase looks
        // like a new customer's, and in a one-day simulation every customer is new to the data. Measured: ROC AUC
        // 0.977, yet only 3 of 30 reach the review threshold. This bound guards the ranking; the recall bound only
        // catches a collapse.
        [FraudPattern.NewAccountHighValue] = (0.05, 0.95),
    };

    [Fact]
    public void TrainedFromScratch_FlagsEachFraudPatternOnTheHeldOutSplit_AndRanksItAboveLegitimatePayments()
    {
        var stopwatch = Stopwatch.StartNew();

        // 5 % fraud (instead of 2 %) so that every pattern has at least 25 held-out payments.
        var traffic = SimulatedTraffic.Decode(new SimulatorOptions { EventCount = 1_000_000, Seed = 2027, FraudRate = 0.05 }, withClicks: true);
        var result = FraudTrainer.Train(traffic.Payments, new FraudTrainingOptions { CreatedAt = DateTimeOffset.UnixEpoch }, traffic.Labels, traffic.Clicks);
        output.WriteLine(result.Report());
        Assert.True(result.RocAuc >= 0.95, $"ROC AUC {result.RocAuc}");

        // The trainer holds out the latest attempts by event time; the live scorer scores them in the same order.
        var scores = traffic.ScoreLive(result.Model, new FraudOptions());
        var heldOut = scores.Skip(scores.Count - result.ValidationRows).ToList();
        var legitimate = heldOut.Where(s => !traffic.Labels[s.TxnId]).Select(s => s.Score).Order().ToList();
        var legitimateTop1Percent = legitimate[(int)(legitimate.Count * 0.99)];

        var failures = new List<string>();
        foreach (var (pattern, bound) in Bounds)
        {
            var fraud = heldOut.Where(s => traffic.Patterns.TryGetValue(s.TxnId, out var p) && p == pattern).ToList();
            var recall = fraud.Count(s => s.Decision != FraudDecision.Approve) / (double)fraud.Count;
            var auc = FraudMetrics.RocAuc(
                [.. fraud.Select(s => s.Score), .. legitimate],
                [.. fraud.Select(_ => true), .. legitimate.Select(_ => false)]);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{pattern}: held out {fraud.Count}, flagged {recall:P1} (bound {bound.Recall:P0}), ROC AUC {auc:F4} (bound {bound.RocAuc}) vs {legitimate.Count} legitimate; above the top 1 % of legitimate scores {fraud.Count(s => s.Score > legitimateTop1Percent)}");
            output.WriteLine(line);
            if (fraud.Count < 25 || recall < bound.Recall || !(auc >= bound.RocAuc))
            {
                failures.Add(line);
            }
        }

        var legitimateFlagged = heldOut.Count(s => !traffic.Labels[s.TxnId] && s.Decision != FraudDecision.Approve);
        output.WriteLine($"legitimate flagged {legitimateFlagged}/{legitimate.Count}; {stopwatch.Elapsed}");
        Assert.True(legitimateFlagged < 0.01 * legitimate.Count, $"legitimate flagged {legitimateFlagged}/{legitimate.Count}");
        Assert.True(failures.Count == 0, $"patterns below their bounds (or with fewer than 25 held out):\n{string.Join('\n', failures)}");
    }
}
