using StreamEngine.Core.Events;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Fits the logistic fraud model: replays payment events in event-time order through the same
/// <see cref="FraudFeatureExtractor"/> the live pipeline uses, labels each authorisation attempt, holds out the latest
/// share by time, standardises, fits an L2-regularised class-weighted logistic regression (Newton/IRLS) and evaluates.
/// Deterministic for the same input and options.
/// </summary>
public static class FraudTrainer
{
    /// <summary>
    /// Trains on decoded events, their clickstream (if read) and the explicit labels read with them (if any, else
    /// chargebacks label).
    /// </summary>
    public static FraudTrainingResult Train(FraudTrainingInput input, FraudTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Train(input.Events, options, input.Labels.Count > 0 ? input.Labels : null, input.Clicks);
    }

    /// <summary>
    /// Trains on <paramref name="events"/> (any order; sorted stably by time here), with <paramref name="clicks"/>
    /// merged in by event time. An attempt is fraud when <paramref name="labels"/> says so, or, without labels, when
    /// the data holds a chargeback for its txn id.
    /// </summary>
    public static FraudTrainingResult Train(
        IEnumerable<PaymentEvent> events,
        FraudTrainingOptions options,
        IReadOnlyDictionary<string, bool>? labels = null,
        IEnumerable<ClickEvent>? clicks = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        var (rows, y) = BuildDataset(events, options.Features, labels, clicks);
        var validationRows = (int)Math.Ceiling(rows.Length * options.ValidationFraction);
        var trainRows = rows.Length - validationRows;
        if (trainRows < 2)
        {
            throw new InvalidOperationException($"Only {rows.Length} authorisation attempts: too few to train.");
        }

        var d = FraudFeatureNames.Count;
        var means = new double[d];
        var stds = new double[d];
        for (var j = 0; j < d; j++)
        {
            double sum = 0, sumSq = 0;
            for (var i = 0; i < trainRows; i++)
            {
                sum += rows[i][j];
            }

            means[j] = sum / trainRows;
            for (var i = 0; i < trainRows; i++)
            {
                sumSq += (rows[i][j] - means[j]) * (rows[i][j] - means[j]);
            }

            var std = Math.Sqrt(sumSq / trainRows);
            stds[j] = std > 1e-9 ? std : 1.0; // a constant feature keeps weight 0 under L2
        }

        var positives = 0;
        for (var i = 0; i < trainRows; i++)
        {
            positives += y[i] ? 1 : 0;
        }

        var posWeight = options.BalanceClasses && positives > 0 ? trainRows / (2.0 * positives) : 1.0;
        var negWeight = options.BalanceClasses && positives < trainRows ? trainRows / (2.0 * (trainRows - positives)) : 1.0;
        var random = new Random(options.Seed);
        var fitRows = new List<double[]>(trainRows);
        var fitLabels = new List<bool>(trainRows);
        var fitWeights = new List<double>(trainRows);
        for (var i = 0; i < trainRows; i++)
        {
            var weight = y[i] ? posWeight : negWeight;
            if (!y[i] && options.NegativeSampleRate < 1)
            {
                if (random.NextDouble() >= options.NegativeSampleRate)
                {
                    continue;
                }

                weight /= options.NegativeSampleRate;
            }

            var z = new double[d];
            for (var j = 0; j < d; j++)
            {
                z[j] = (rows[i][j] - means[j]) / stds[j];
            }

            fitRows.Add(z);
            fitLabels.Add(y[i]);
            fitWeights.Add(weight);
        }

        var fit = LogisticRegression.Fit([.. fitRows], [.. fitLabels], [.. fitWeights], options.L2, options.MaxIterations, options.Tolerance);
        var unthresholded = new FraudModel(options.Version, options.CreatedAt, means, stds, fit.Weights, fit.Bias, 0, 1, options.TopKReasons);

        var trainScores = new double[trainRows];
        for (var i = 0; i < trainRows; i++)
        {
            trainScores[i] = unthresholded.Probability(rows[i]);
        }

        var review = options.ReviewThreshold ?? ScoreAtTopRate(trainScores, options.ReviewRate);
        var decline = Math.Max(review, options.DeclineThreshold ?? ScoreAtTopRate(trainScores, options.DeclineRate));
        var model = unthresholded.Clone(review, decline);

        var scores = new double[validationRows];
        var truth = new bool[validationRows];
        var validationPositives = 0;
        for (var i = 0; i < validationRows; i++)
        {
            scores[i] = model.Probability(rows[trainRows + i]);
            truth[i] = y[trainRows + i];
            validationPositives += truth[i] ? 1 : 0;
        }

        return new FraudTrainingResult(
            model, trainRows, positives, validationRows, validationPositives,
            validationRows == 0 ? double.NaN : FraudMetrics.RocAuc(scores, truth),
            validationRows == 0 ? double.NaN : FraudMetrics.AveragePrecision(scores, truth),
            validationRows == 0 ? double.NaN : FraudMetrics.PrecisionAtRate(scores, truth, options.ReviewRate),
            options.ReviewRate, fit.Iterations, fit.Converged);
    }

    /// <summary>
    /// Replays events in time order through a fresh extractor, as a partition's scorer sees them live: each click
    /// (<see cref="FraudFeatureExtractor.ObserveClick"/>) before the payments at or after its time, the watermark
    /// advanced to each payment's time. Returns one raw feature row per authorisation attempt (in event-time order)
    /// and its label.
    /// </summary>
    public static (double[][] Rows, bool[] Labels) BuildDataset(
        IEnumerable<PaymentEvent> events,
        FraudOptions features,
        IReadOnlyDictionary<string, bool>? labels = null,
        IEnumerable<ClickEvent>? clicks = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(features);
        var ordered = events.OrderBy(e => e.TimeMs).ToList(); // stable: ties keep input order
        List<ClickEvent> orderedClicks = clicks is null ? [] : [.. clicks.OrderBy(c => c.TimeMs)];
        HashSet<string>? chargebacks = null;
        if (labels is null)
        {
            chargebacks = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in ordered)
            {
                if (e.Type == PaymentEventType.Chargeback)
                {
                    chargebacks.Add(e.TxnId);
                }
            }
        }

        var extractor = new FraudFeatureExtractor(features);
        var rows = new List<double[]>();
        var y = new List<bool>();
        var buffer = new double[FraudFeatureNames.Count];
        var nextClick = 0;
        foreach (var e in ordered)
        {
            // Without clicks, sessions stay unknown and account age counts from the first payment.
            while (nextClick < orderedClicks.Count && orderedClicks[nextClick].TimeMs <= e.TimeMs)
            {
                extractor.ObserveClick(orderedClicks[nextClick++]);
            }

            extractor.AdvanceWatermark(e.TimeMs);
            if (extractor.Process(e, buffer))
            {
                rows.Add((double[])buffer.Clone());
                y.Add(labels is not null
                    ? labels.TryGetValue(e.TxnId, out var fraud) && fraud
                    : chargebacks!.Contains(e.TxnId));
            }
        }

        return ([.. rows], [.. y]);
    }

    private static double ScoreAtTopRate(double[] scores, double rate)
    {
        if (scores.Length == 0 || rate <= 0)
        {
            return 1.0;
        }

        var sorted = (double[])scores.Clone();
        Array.Sort(sorted);
        var k = Math.Clamp((int)Math.Ceiling(rate * sorted.Length), 1, sorted.Length);
        return sorted[sorted.Length - k];
    }
}
