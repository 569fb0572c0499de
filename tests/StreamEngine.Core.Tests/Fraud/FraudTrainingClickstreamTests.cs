using StreamEngine.Core.Fraud;
using StreamEngine.Core.Simulation;
using static StreamEngine.Core.Tests.Fraud.FraudTestEvents;

namespace StreamEngine.Core.Tests.Fraud;

/// <summary>Training with the clickstream: the session and account-age features are those the live scorer computes.</summary>
public sealed class FraudTrainingClickstreamTests
{
    private static readonly Lazy<SimulatedTraffic> Traffic = new(() =>
        SimulatedTraffic.Decode(new SimulatorOptions { EventCount = 200_000, Seed = 31 }, withClicks: true));

    [Fact]
    public void BuildDataset_ObservesEachClickBeforeThePaymentsAtOrAfterItsTime()
    {
        // session 77: click T0, pays T0+12min      session 78: pays T0+13min, its first click comes at T0+20min
        var (rows, _) = FraudTrainer.BuildDataset(
            [Attempt(T0 + (13 * Minute), user: 2, session: 78, txn: "b"), Attempt(T0 + (12 * Minute), session: 77, txn: "a")],
            new FraudOptions(),
            clicks: [Click(T0 + (20 * Minute), user: 2, session: 78), Click(T0, session: 77)]);

        Assert.Equal(1, rows[0][(int)FraudFeature.SessionKnown]);
        Assert.Equal(12, rows[0][(int)FraudFeature.SessionMinutesBeforePayment], 9);
        Assert.Equal(12 / (24 * 60.0), rows[0][(int)FraudFeature.AccountAgeDays], 9); // from the first click
        Assert.Equal(0, rows[1][(int)FraudFeature.SessionKnown]);
        Assert.Equal(0, rows[1][(int)FraudFeature.AccountAgeDays]);
    }

    [Fact]
    public void BuildDataset_WithClickstream_FillsSessionFeatures_AndCountsAccountAgeFromTheFirstClick()
    {
        var traffic = Traffic.Value;
        var (withClicks, _) = FraudTrainer.BuildDataset(traffic.Payments, new FraudOptions(), traffic.Labels, traffic.Clicks);
        var (paymentsOnly, _) = FraudTrainer.BuildDataset(traffic.Payments, new FraudOptions(), traffic.Labels);

        var sessionKnown = withClicks.Count(r => r[(int)FraudFeature.SessionKnown] == 1);
        var minutes = withClicks.Count(r => r[(int)FraudFeature.SessionMinutesBeforePayment] > 0);
        Assert.True(sessionKnown > 0.8 * withClicks.Length, $"session known on {sessionKnown}/{withClicks.Length}");
        Assert.True(minutes > 0.8 * withClicks.Length, $"minutes before payment > 0 on {minutes}/{withClicks.Length}");
        Assert.All(paymentsOnly, r => Assert.Equal(0, r[(int)FraudFeature.SessionKnown]));

        // A user's first click comes before their first payment, so the account is older with the clickstream.
        var older = withClicks.Zip(paymentsOnly).Count(p => p.First[(int)FraudFeature.AccountAgeDays] > p.Second[(int)FraudFeature.AccountAgeDays]);
        Assert.All(withClicks.Zip(paymentsOnly), p => Assert.True(p.First[(int)FraudFeature.AccountAgeDays] >= p.Second[(int)FraudFeature.AccountAgeDays]));
        Assert.True(older > 0.5 * withClicks.Length, $"older on {older}/{withClicks.Length}");
    }

    [Fact]
    public void TrainingFeatures_EqualTheLiveScorersFeatures_ForTheSameClicksAndPayments()
    {
        var traffic = Traffic.Value;
        var options = new FraudOptions();
        var (rows, _) = FraudTrainer.BuildDataset(traffic.Payments, options, traffic.Labels, traffic.Clicks);
        var live = traffic.ScoreLive(FraudModel.LoadShipped(), options);

        Assert.Equal(rows.Length, live.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < FraudFeatureNames.Count; j++)
            {
                var feature = (FraudFeature)j;
                Assert.True(rows[i][j].Equals(live[i].Features[feature]),
                    $"attempt {i} ({live[i].TxnId}) {FraudFeatureNames.Name(feature)}: training {rows[i][j]}, live {live[i].Features[feature]}");
            }
        }
    }
}
