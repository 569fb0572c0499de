using System.Reactive.Subjects;
using StreamEngine.Core.Events;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Simulation;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Fraud;

/// <summary>
/// A simulator run decoded as the engine decodes it (same pseudonymiser for both topics, so user and session keys
/// match): payments with their ground-truth labels and fraud patterns by txn id, and optionally the clickstream.
/// </summary>
internal sealed record SimulatedTraffic(
    List<PaymentEvent> Payments,
    List<ClickEvent> Clicks,
    Dictionary<string, bool> Labels,
    IReadOnlyDictionary<string, FraudPattern> Patterns)
{
    public static SimulatedTraffic Decode(SimulatorOptions options, bool withClicks)
    {
        var simulator = new StorefrontSimulator(options);
        var pseudonymizer = new Pseudonymizer("fraud-test");
        var payments = new PaymentEventDecoder(pseudonymizer, new Utf8Interner(), new DecoderOptions());
        var clickDecoder = new ClickEventDecoder(pseudonymizer, new Utf8Interner(), new DecoderOptions());
        var events = new List<PaymentEvent>();
        var clicks = new List<ClickEvent>();
        foreach (var record in simulator.Generate())
        {
            if (record.Topic == options.Topics.Transactions)
            {
                var result = payments.TryDecode(record.Value, record.TimestampMs, out var payment);
                Assert.True(result.IsOk, $"{result.Status} {result.Field}");
                events.Add(payment);
            }
            else if (withClicks && record.Topic == options.Topics.Clickstream)
            {
                var result = clickDecoder.TryDecode(record.Value, record.TimestampMs, out var click);
                Assert.True(result.IsOk, $"{result.Status} {result.Field}");
                clicks.Add(click);
            }
        }

        var labels = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (IsAttempt(e))
            {
                labels[e.TxnId] = simulator.GroundTruth.FraudTxnIds.Contains(e.TxnId);
            }
        }

        return new SimulatedTraffic(events, clicks, labels, simulator.GroundTruth.FraudPatternByTxnId);
    }

    public static bool IsAttempt(in PaymentEvent e) => e.Type is PaymentEventType.Authorized or PaymentEventType.Declined;

    /// <summary>
    /// Scores the traffic on the live path: each click to <see cref="FraudScorer.ObserveClick"/> before the payments
    /// at or after its time, payments (stably sorted by time) through <see cref="FraudPipeline"/> with the watermark
    /// at their time. Returns the score of every attempt, in that order.
    /// </summary>
    public List<FraudScore> ScoreLive(FraudModel model, FraudOptions options)
    {
        var scorer = new FraudScorer(model, options);
        var scores = new List<FraudScore>();
        var input = new Subject<StreamItem<PaymentEvent>>();
        using var subscription = FraudPipeline.Build(input, scorer).Subscribe(
            item =>
            {
                if (!item.IsPunctuation)
                {
                    scores.Add(item.Value);
                }
            },
            e => throw e);
        var clicks = Clicks.OrderBy(c => c.TimeMs).ToList();
        var next = 0;
        long offset = 0;
        foreach (var payment in Payments.OrderBy(e => e.TimeMs))
        {
            while (next < clicks.Count && clicks[next].TimeMs <= payment.TimeMs)
            {
                scorer.ObserveClick(clicks[next++]);
            }

            input.OnNext(StreamItem.Event(payment, payment.TimeMs, payment.TimeMs, offset++));
        }

        return scores;
    }
}
