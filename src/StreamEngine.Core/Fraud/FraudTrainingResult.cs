using System.Globalization;
using System.Text;

namespace StreamEngine.Core.Fraud;

/// <summary>A trained model and its evaluation on the held-out (latest) part of the data.</summary>
public sealed record FraudTrainingResult(
    FraudModel Model,
    int TrainRows,
    int TrainPositives,
    int ValidationRows,
    int ValidationPositives,
    double RocAuc,
    double AveragePrecision,
    double PrecisionAtReviewRate,
    double ReviewRate,
    int Iterations,
    bool Converged)
{
    /// <summary>The metrics written into the model file's "metrics" object.</summary>
    public IReadOnlyDictionary<string, double> Metrics => new Dictionary<string, double>
    {
        ["train_rows"] = TrainRows,
        ["train_positives"] = TrainPositives,
        ["validation_rows"] = ValidationRows,
        ["validation_positives"] = ValidationPositives,
        ["validation_roc_auc"] = Finite(RocAuc),
        ["validation_average_precision"] = Finite(AveragePrecision),
        ["validation_precision_at_review_rate"] = Finite(PrecisionAtReviewRate),
        ["review_rate"] = ReviewRate,
        ["iterations"] = Iterations,
        ["converged"] = Converged ? 1 : 0,
    };

    /// <summary>The model file contents including <see cref="Metrics"/>.</summary>
    public byte[] ToModelJson() => Model.ToJson(Metrics);

    /// <summary>A human-readable report for the training CLI.</summary>
    public string Report()
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"model {Model.Version}: {Iterations} Newton iterations, converged={Converged}");
        sb.AppendLine(c, $"train: {TrainRows} attempts, {TrainPositives} fraud; held out (latest by time): {ValidationRows} attempts, {ValidationPositives} fraud");
        sb.AppendLine(c, $"ROC AUC {RocAuc:F4}  average precision {AveragePrecision:F4}  precision@{ReviewRate:P1} {PrecisionAtReviewRate:F4}");
        sb.AppendLine(c, $"thresholds: review {Model.ReviewThreshold:G6}, decline {Model.DeclineThreshold:G6}");
        return sb.ToString();
    }

    private static double Finite(double x) => double.IsFinite(x) ? x : -1;
}
