using System.Globalization;
using System.Text.Json;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Reads and writes the versioned model file (format in docs/fraud.md). Validation is strict: every feature of the
/// extractor exactly once, no unknown names or fields, finite numbers, std &gt; 0, 0 &lt;= review &lt;= decline &lt;= 1.
/// </summary>
internal static class FraudModelFile
{
    public const string Format = "streamengine.fraud.logistic/1";

    public static FraudModel Parse(ReadOnlySpan<byte> utf8Json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw Fail(source, "(document)", $"is not valid JSON: {e.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            Require(root.ValueKind == JsonValueKind.Object, source, "(document)", "must be a JSON object");
            foreach (var p in root.EnumerateObject())
            {
                Require(p.Name is "format" or "version" or "created_at" or "bias" or "thresholds" or "top_k_reasons"
                    or "features" or "metrics", source, p.Name, "is not a known field");
            }

            var format = String(root, "format", source);
            Require(format == Format, source, "format", $"must be \"{Format}\" (got \"{format}\")");
            var version = String(root, "version", source);
            Require(version.Length > 0, source, "version", "must not be empty");
            var createdText = String(root, "created_at", source);
            Require(DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var createdAt),
                source, "created_at", "must be an ISO 8601 date-time");
            var bias = Number(root, "bias", source);
            var thresholds = Get(root, "thresholds", JsonValueKind.Object, source);
            var review = Number(thresholds, "review", source, "thresholds.review");
            var decline = Number(thresholds, "decline", source, "thresholds.decline");
            CheckThresholds(review, decline, source);
            var topK = Number(root, "top_k_reasons", source);
            Require(topK is 0 or 1 or 2 or 3, source, "top_k_reasons", "must be an integer between 0 and 3");

            var means = new double[FraudFeatureNames.Count];
            var stds = new double[FraudFeatureNames.Count];
            var weights = new double[FraudFeatureNames.Count];
            var seen = new bool[FraudFeatureNames.Count];
            var features = Get(root, "features", JsonValueKind.Array, source);
            var index = 0;
            foreach (var f in features.EnumerateArray())
            {
                var at = $"features[{index}]";
                Require(f.ValueKind == JsonValueKind.Object, source, at, "must be an object");
                var name = String(f, "name", source, at + ".name");
                Require(FraudFeatureNames.TryParse(name, out var feature), source, at + ".name", $"'{name}' is not a feature of this engine");
                Require(!seen[(int)feature], source, at + ".name", $"'{name}' appears twice");
                seen[(int)feature] = true;
                means[(int)feature] = Number(f, "mean", source, at + ".mean");
                stds[(int)feature] = Number(f, "std", source, at + ".std");
                Require(stds[(int)feature] > 0, source, at + ".std", "must be > 0");
                weights[(int)feature] = Number(f, "weight", source, at + ".weight");
                index++;
            }

            for (var i = 0; i < seen.Length; i++)
            {
                Require(seen[i], source, "features", $"is missing feature '{FraudFeatureNames.All[i]}'");
            }

            return new FraudModel(version, createdAt, means, stds, weights, bias, review, decline, (int)topK);
        }
    }

    public static byte[] Write(FraudModel model, IReadOnlyDictionary<string, double>? metrics)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("version", model.BaseVersion);
            w.WriteString("created_at", model.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteNumber("bias", model.Bias);
            w.WriteStartObject("thresholds");
            w.WriteNumber("review", model.ReviewThreshold);
            w.WriteNumber("decline", model.DeclineThreshold);
            w.WriteEndObject();
            w.WriteNumber("top_k_reasons", model.TopK);
            w.WriteStartArray("features");
            for (var i = 0; i < FraudFeatureNames.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("name", FraudFeatureNames.All[i]);
                w.WriteNumber("mean", model.Means[i]);
                w.WriteNumber("std", model.Stds[i]);
                w.WriteNumber("weight", model.Weights[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (metrics is not null)
            {
                w.WriteStartObject("metrics");
                foreach (var (key, value) in metrics)
                {
                    w.WriteNumber(key, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static void CheckThresholds(double review, double decline, string source)
    {
        Require(review is >= 0 and <= 1, source, "thresholds.review", "must be in [0, 1]");
        Require(decline is >= 0 and <= 1, source, "thresholds.decline", "must be in [0, 1]");
        Require(review <= decline, source, "thresholds", $"review ({review}) must not exceed decline ({decline})");
    }

    public static void Require(bool ok, string source, string field, string rule)
    {
        if (!ok)
        {
            throw Fail(source, field, rule);
        }
    }

    private static InvalidDataException Fail(string source, string field, string rule) =>
        new($"Fraud model '{source}': field '{field}' {rule}.");

    private static JsonElement Get(JsonElement obj, string name, JsonValueKind kind, string source, string? path = null)
    {
        Require(obj.TryGetProperty(name, out var value), source, path ?? name, "is missing");
        Require(value.ValueKind == kind, source, path ?? name, $"must be a JSON {kind.ToString().ToLowerInvariant()}");
        return value;
    }

    private static string String(JsonElement obj, string name, string source, string? path = null) =>
        Get(obj, name, JsonValueKind.String, source, path).GetString()!;

    private static double Number(JsonElement obj, string name, string source, string? path = null)
    {
        var value = Get(obj, name, JsonValueKind.Number, source, path).GetDouble();
        Require(double.IsFinite(value), source, path ?? name, "must be a finite number");
        return value;
    }
}
