using System.Reactive.Linq;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Fraud scoring as a pure pipeline: every authorisation attempt (authorized or declined) yields a
/// <see cref="FraudScore"/>; refunds and chargebacks update history and yield a punctuation carrying their watermark.
/// Runs synchronously on the partition's consume thread.
/// </summary>
public static class FraudPipeline
{
    /// <summary>Builds the pipeline with a fresh per-subscription <see cref="FraudScorer"/>.</summary>
    public static IObservable<StreamItem<FraudScore>> Build(
        IObservable<StreamItem<PaymentEvent>> payments,
        FraudModel model,
        FraudOptions options,
        EventHandler<FraudModelUpdatedEventArgs>? onModelUpdated = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Observable.Defer(() =>
        {
            var scorer = new FraudScorer(model, options);
            if (onModelUpdated is not null)
            {
                scorer.ModelUpdated += onModelUpdated;
            }

            return Build(payments, scorer);
        });
    }

    /// <summary>Builds the pipeline on a caller-owned scorer (e.g. one that also observes the partition's clicks).</summary>
    public static IObservable<StreamItem<FraudScore>> Build(IObservable<StreamItem<PaymentEvent>> payments, FraudScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(scorer);
        return Observable.Create<StreamItem<FraudScore>>(observer => payments.Subscribe(
            item =>
            {
                StreamItem<FraudScore> output;
                try
                {
                    scorer.AdvanceWatermark(item.WatermarkMs);
                    output = !item.IsPunctuation && scorer.TryScore(item.Value, out var score)
                        ? StreamItem.Event(score, item.TimeMs, item.WatermarkMs, item.Offset)
                        : StreamItem.Punctuation<FraudScore>(item.WatermarkMs);
                }
#pragma warning disable CA1031 // Rx contract: an exception in the operator becomes OnError, whatever its type.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    observer.OnError(e);
                    return;
                }

                observer.OnNext(output);
            },
            observer.OnError,
            observer.OnCompleted));
    }
}
