using System.Reactive.Linq;
using System.Reactive.Subjects;
using StreamEngine.Core.Events;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Time;
using static StreamEngine.Core.Tests.Fraud.FraudTestEvents;

namespace StreamEngine.Core.Tests.Fraud;

public sealed class FraudPipelineTests
{
    private static FraudModel FlatModel(double bias = -4, Action<double[]>? weights = null)
    {
        var w = new double[FraudFeatureNames.Count];
        weights?.Invoke(w);
        return new FraudModel("1.3", DateTimeOffset.UnixEpoch, new double[FraudFeatureNames.Count],
            Enumerable.Repeat(1.0, FraudFeatureNames.Count).ToArray(), w, bias, 0.5, 0.9, 3);
    }

    private static List<StreamItem<FraudScore>> Run(FraudModel model, FraudOptions options, params PaymentEvent[] events)
    {
        var results = new List<StreamItem<FraudScore>>();
        var input = new Subject<StreamItem<PaymentEvent>>();
        using var subscription = FraudPipeline.Build(input, model, options).Subscribe(results.Add, e => throw e);
        long offset = 0;
        foreach (var e in events)
        {
            input.OnNext(StreamItem.Event(e, e.TimeMs, e.TimeMs - 1000, offset++));
        }

        return results;
    }

    [Fact]
    public void AuthorizedAndDeclinedAttemptsAreScored_LabelsOnlyAdvanceTheWatermark()
    {
        var results = Run(FlatModel(), new FraudOptions(),
            Attempt(T0, txn: "a"), Attempt(T0 + 1000, txn: "b", declined: true), Label(T0 + 2000, PaymentEventType.Refunded, "a"));
        Assert.Equal(3, results.Count);
        Assert.Equal(("a", T0, 0L), (results[0].Value.TxnId, results[0].TimeMs, results[0].Offset));
        Assert.Equal("b", results[1].Value.TxnId);
        Assert.Equal(FraudDecision.Approve, results[1].Value.Decision);
        Assert.Equal("1.3", results[1].Value.ModelVersion);
        Assert.Equal(2, results[1].Value.Features[FraudFeature.VelocityCard1m]);
        Assert.True(results[2].IsPunctuation);
        Assert.Equal(T0 + 1000, results[2].WatermarkMs);
    }

    [Fact]
    public void PunctuationIsPassedOn()
    {
        var results = new List<StreamItem<FraudScore>>();
        var input = new Subject<StreamItem<PaymentEvent>>();
        using var s = FraudPipeline.Build(input, FlatModel(), new FraudOptions()).Subscribe(results.Add, e => throw e);
        input.OnNext(StreamItem.Punctuation<PaymentEvent>(T0));
        Assert.True(Assert.Single(results).IsPunctuation);
        Assert.Equal(T0, results[0].WatermarkMs);
    }

    [Fact]
    public void DenyListedCard_IsDeclinedByRule_WhateverTheModelSays()
    {
        var options = new FraudOptions();
        options.DenyListedCards.Add(100);
        var results = Run(FlatModel(bias: -10), options, Attempt(T0, card: 100), Attempt(T0 + 1, card: 101));
        Assert.Equal(FraudDecision.Decline, results[0].Value.Decision);
        Assert.Equal("rule_deny_listed_card", FraudReasonCodes.Code(results[0].Value.Reason1));
        Assert.Equal(FraudDecision.Approve, results[1].Value.Decision);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void BurstOfDeclinesOnACard_ForcesDecline_AtTheThreshold(int earlierDeclines, bool declined)
    {
        var events = Enumerable.Range(0, earlierDeclines).Select(i => Attempt(T0 + (i * 1000L), device: (ulong)(500 + i), declined: true))
            .Append(Attempt(T0 + Minute, device: 999)).ToArray();
        var last = Run(FlatModel(bias: -10), new FraudOptions { DeclineBurstThreshold = 5 }, events)[^1].Value;
        Assert.Equal(declined ? FraudDecision.Decline : FraudDecision.Approve, last.Decision);
        Assert.Equal(declined ? "rule_decline_burst_card" : "", FraudReasonCodes.Code(last.Reason1));
    }

    [Fact]
    public void BurstOfDeclinesOnADevice_AcrossManyCards_ForcesDecline()
    {
        var events = Enumerable.Range(0, 6).Select(i => Attempt(T0 + (i * 1000L), card: (ulong)(700 + i), declined: true)).ToArray();
        var last = Run(FlatModel(bias: -10), new FraudOptions(), events)[^1].Value;
        Assert.Equal(FraudDecision.Decline, last.Decision);
        Assert.Equal(FraudReason.DeclineBurstDevice, last.Reason1);
    }

    [Fact]
    public void OnlineLearning_ChargebackOfAScoredPayment_TakesAStepBumpsTheVersionAndRaisesTheEvent()
    {
        var model = FlatModel(weights: w => w[(int)FraudFeature.NewDeviceForUser] = 0.1);
        var updates = new List<FraudModelUpdatedEventArgs>();
        var options = new FraudOptions { OnlineLearning = true, OnlineLearningRate = 0.1 };
        var input = new Subject<StreamItem<PaymentEvent>>();
        var results = new List<StreamItem<FraudScore>>();
        using var s = FraudPipeline.Build(input, model, options, (_, e) => updates.Add(e)).Subscribe(results.Add, e => throw e);
        input.OnNext(StreamItem.Event(Attempt(T0, txn: "x"), T0, T0, 0));
        input.OnNext(StreamItem.Event(Label(T0 + (30 * Day), PaymentEventType.Chargeback, "x"), T0 + (30 * Day), T0, 1));
        input.OnNext(StreamItem.Event(Attempt(T0 + (31 * Day), txn: "y", device: 201), T0 + (31 * Day), T0, 2));

        var update = Assert.Single(updates);
        Assert.Equal(("x", true, "1.3", "1.3+online.1"), (update.TxnId, update.Fraud, update.PreviousVersion, update.Version));
        Assert.Equal("1.3+online.1", results[^1].Value.ModelVersion);
        Assert.True(results[^1].Value.Score > results[0].Value.Score); // learnt that a new device (x had one) is riskier
        Assert.Equal(0.1, model.Weights[(int)FraudFeature.NewDeviceForUser]); // the shared model is untouched
    }

    [Fact]
    public void OnlineLearning_PaymentsPastTheLabelHorizonWithoutChargeback_TeachLegitimate()
    {
        var scorer = new FraudScorer(FlatModel(bias: 0), new FraudOptions { OnlineLearning = true, LabelHorizon = TimeSpan.FromDays(10) });
        var versions = new List<string>();
        scorer.ModelUpdated += (_, e) => versions.Add(e.Version + (e.Fraud ? "!" : ""));
        Assert.True(scorer.TryScore(Attempt(T0, txn: "a"), out _));
        scorer.AdvanceWatermark(T0 + (9 * Day));
        Assert.Empty(versions);
        scorer.AdvanceWatermark(T0 + (11 * Day));
        Assert.Equal(["1.3+online.1"], versions);
        Assert.True(scorer.Model.Bias < 0);
    }

    [Fact]
    public void WithoutOnlineLearning_ChargebacksDoNotChangeTheModel()
    {
        var model = FlatModel();
        var results = Run(model, new FraudOptions(), Attempt(T0, txn: "x"), Label(T0 + Day, PaymentEventType.Chargeback, "x"), Attempt(T0 + (2 * Day)));
        Assert.Equal("1.3", results[^1].Value.ModelVersion);
        Assert.Equal(-4, model.Bias);
    }

    [Fact]
    public void ThresholdsFromOptions_OverrideTheModels()
    {
        var results = Run(FlatModel(bias: 0), new FraudOptions { ReviewThreshold = 0.4, DeclineThreshold = 0.45 }, Attempt(T0));
        Assert.Equal(FraudDecision.Decline, results[0].Value.Decision); // score 0.5
    }

    [Fact]
    public void EachSubscriptionOwnsItsState()
    {
        var input = new[] { Attempt(T0), Attempt(T0 + 1000) }.Select((e, i) => StreamItem.Event(e, e.TimeMs, long.MinValue, i)).ToObservable();
        var pipeline = FraudPipeline.Build(input, FlatModel(), new FraudOptions());
        var first = pipeline.ToEnumerable().ToList();
        var second = pipeline.ToEnumerable().ToList();
        Assert.Equal(2, second[1].Value.Features[FraudFeature.VelocityCard1m]);
        Assert.Equal(first[1].Value.Score, second[1].Value.Score);
    }
}
