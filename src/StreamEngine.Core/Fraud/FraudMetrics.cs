namespace StreamEngine.Core.Fraud;

/// <summary>Ranking metrics of fraud scores against labels (ties handled exactly, as in scikit-learn).</summary>
public static class FraudMetrics
{
    /// <summary>ROC AUC: probability a random fraud scores above a random legitimate payment (ties count half). NaN if a class is absent.</summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var order = SortedDescending(scores, labels);
        double positives = 0, negatives = 0, pairs = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            double groupPos = 0, groupNeg = 0;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                if (labels[order[j]]) { groupPos++; } else { groupNeg++; }
                j++;
            }

            // Negatives in this tie group rank below every positive seen before it and tie with the group's positives.
            pairs += groupNeg * (positives + (groupPos / 2));
            positives += groupPos;
            negatives += groupNeg;
            i = j;
        }

        return positives == 0 || negatives == 0 ? double.NaN : pairs / (positives * negatives);
    }

    /// <summary>Average precision: sum over score thresholds of precision times recall gained. NaN without positives.</summary>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var order = SortedDescending(scores, labels);
        var totalPositives = 0;
        foreach (var l in labels)
        {
            totalPositives += l ? 1 : 0;
        }

        if (totalPositives == 0)
        {
            return double.NaN;
        }

        double ap = 0, truePositives = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            double groupPos = 0;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                groupPos += labels[order[j]] ? 1 : 0;
                j++;
            }

            truePositives += groupPos;
            ap += groupPos / totalPositives * (truePositives / j);
            i = j;
        }

        return ap;
    }

    /// <summary>Share of frauds among the top <paramref name="reviewRate"/> of payments by score (at least one payment).</summary>
    public static double PrecisionAtRate(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double reviewRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reviewRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reviewRate, 1.0);
        if (scores.Length == 0)
        {
            return double.NaN;
        }

        var order = SortedDescending(scores, labels);
        var k = Math.Max(1, (int)Math.Ceiling(reviewRate * scores.Length));
        var hits = 0;
        for (var i = 0; i < k; i++)
        {
            hits += labels[order[i]] ? 1 : 0;
        }

        return hits / (double)k;
    }

    private static int[] SortedDescending(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException("Scores and labels differ in length.", nameof(labels));
        }

        var order = new int[scores.Length];
        var keys = new double[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            keys[i] = -scores[i];
        }

        Array.Sort(keys, order);
        return order;
    }
}
