using Microsoft.Extensions.Configuration;
using StreamEngine.ClickHouse;
using StreamEngine.Core;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Time;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Configuration;

/// <summary>Every section of the engine's configuration, bound and validated once at start-up.</summary>
internal sealed class EngineOptions
{
    public const string FraudSection = "StreamEngine:Fraud";

    public required KafkaOptions Kafka { get; init; }

    public required ClickHouseOptions ClickHouse { get; init; }

    public required DecoderOptions Decoding { get; init; }

    public required EventTimeOptions EventTime { get; init; }

    public required FeatureOptions Features { get; init; }

    public required PrivacyOptions Privacy { get; init; }

    public required HttpOptions Http { get; init; }

    public required SafetyStockOptions SafetyStock { get; init; }

    public required LogisticsOptions Logistics { get; init; }

    public required FulfilmentOptions Fulfilment { get; init; }

    public required FraudOptions Fraud { get; init; }

    public required CheckpointOptions Checkpoints { get; init; }

    public static EngineOptions Load(IConfiguration configuration)
    {
        var options = new EngineOptions
        {
            Kafka = EngineConfiguration.Bind<KafkaOptions>(configuration, KafkaOptions.Section),
            ClickHouse = EngineConfiguration.Bind<ClickHouseOptions>(configuration, ClickHouseOptions.SectionName),
            Decoding = EngineConfiguration.Bind<DecoderOptions>(configuration, "StreamEngine:Decoding"),
            EventTime = EngineConfiguration.Bind<EventTimeOptions>(configuration, EventTimeOptions.Section),
            Features = EngineConfiguration.Bind<FeatureOptions>(configuration, "StreamEngine:Features"),
            Privacy = EngineConfiguration.Bind<PrivacyOptions>(configuration, PrivacyOptions.Section),
            Http = EngineConfiguration.Bind<HttpOptions>(configuration, HttpOptions.Section),
            SafetyStock = EngineConfiguration.Bind<SafetyStockOptions>(configuration, SafetyStockOptions.SectionName),
            Logistics = EngineConfiguration.Bind<LogisticsOptions>(configuration, LogisticsOptions.SectionName),
            Fulfilment = EngineConfiguration.Bind<FulfilmentOptions>(configuration, FulfilmentOptions.SectionName),
            Fraud = EngineConfiguration.Bind<FraudOptions>(configuration, FraudSection),
            Checkpoints = EngineConfiguration.Bind<CheckpointOptions>(configuration, CheckpointOptions.Section),
        };
        Validate(options.Kafka.Validate);
        Validate(options.ClickHouse.Validate);
        Validate(options.Decoding.Validate);
        Validate(options.EventTime.Validate);
        Validate(options.Features.Validate);
        Validate(options.Privacy.Validate);
        Validate(options.Http.Validate);
        Validate(options.SafetyStock.Validate);
        Validate(options.Logistics.Validate);
        Validate(options.Fulfilment.Validate);
        Validate(options.Checkpoints.Validate);
        try
        {
            options.Fraud.Validate();
        }
        catch (ArgumentException ex)
        {
            // FraudOptions (Core) names its keys relative to the section; add the section for a full key.
            throw new OptionsException($"Invalid configuration 'StreamEngine:{ex.Message.Split(" (Parameter", 2)[0]}", ex);
        }

        return options;
    }

    /// <summary>Runs a section's validation; whatever it throws becomes an <see cref="OptionsException"/> (exit code 2, no stack trace).</summary>
    public static void Validate(Action validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        try
        {
            validate();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw new OptionsException(ex.Message, ex);
        }
    }
}
