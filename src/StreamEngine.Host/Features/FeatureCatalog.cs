using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core;
using StreamEngine.Core.Features;
using StreamEngine.Core.Fraud;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Features;

/// <summary>The features this build of the engine runs. Add a feature of your own here.</summary>
internal static class FeatureCatalog
{
    public static FeatureSet Create(EngineOptions options)
    {
        var converter = new CurrencyConverter(options.Features);
        return new FeatureSet(
        [
            new ProductActivityFeature(options.Features, converter),
            new SessionFeature(options.Features, converter),
            new FunnelFeature(options.Features),
            new TrendingFeature(options.Features),
            new UserProfileFeature(options.Features, converter),
            new PurchaseIntentFeature(options.Features, options.Kafka.IntentTopic),
            new AnomalyFeature(options.Features),
            new DemandRepartitionFeature(options.Kafka.DemandTopic, options.Fulfilment, converter, options.SafetyStock.BucketSize, options.EventTime.IdleTimeout),
            new SafetyStockFeature(options.SafetyStock, options.Kafka.ReplenishmentTopic),
            new LogisticsFeature(options.Logistics),
            new FraudScoringFeature(LoadFraudModel(options.Fraud), options.Fraud, options.Kafka.FraudScoresTopic),
        ]);
    }

    /// <summary>
    /// Loads the fraud model once; a bad file, or threshold overrides that contradict each other or the model's own
    /// thresholds, stop start-up with the key to fix (not later, when a partition is assigned).
    /// </summary>
    private static FraudModel LoadFraudModel(FraudOptions options)
    {
        FraudModel model;
        try
        {
            model = FraudModel.Load(options);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new OptionsException($"{EngineOptions.FraudSection}:{nameof(FraudOptions.ModelPath)}", ex.Message.TrimEnd('.'));
        }

        var review = options.ReviewThreshold ?? model.ReviewThreshold;
        var decline = options.DeclineThreshold ?? model.DeclineThreshold;
        if (review > decline)
        {
            var key = options.ReviewThreshold is not null ? nameof(FraudOptions.ReviewThreshold) : nameof(FraudOptions.DeclineThreshold);
            throw new OptionsException(
                $"{EngineOptions.FraudSection}:{key}",
                $"review threshold {review} is above decline threshold {decline} (the model's own are {model.ReviewThreshold} and {model.DeclineThreshold})");
        }

        return model;
    }

    /// <summary>Every table the engine writes, for <c>schema apply</c>.</summary>
    public static IEnumerable<ClickHouseTableDefinition> AllTables(FeatureSet features) =>
        features.Tables.Append(LateEventsTable.Definition).Append(CheckpointsTable.Definition).Append(RawIdentifiersTable.Definition);
}
