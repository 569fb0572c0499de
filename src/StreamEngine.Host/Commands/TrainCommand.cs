using System.Globalization;
using Microsoft.Extensions.Configuration;
using StreamEngine.Core;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Privacy;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Commands;

/// <summary>
/// <c>streamengine train --input FILE --out model.json [--clicks FILE] [--format jsonl|csv] [--holdout 0.2]
/// [--review-rate 0.01] [--version V]</c>: fits the logistic fraud model on labelled transactions, with the
/// clickstream merged in by event time when given (the live feature code path), prints the held-out report and writes
/// the model file.
/// </summary>
internal static class TrainCommand
{
    public static Task<int> ExecuteAsync(IConfiguration configuration, CommandLine flags, TextWriter output)
    {
        var input = flags.Require("input");
        var modelPath = flags.Require("out");
        var format = flags.Get("format") ?? (input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "jsonl");
        if (format is not ("csv" or "jsonl" or "json"))
        {
            throw new OptionsException("--format", $"'{format}' is not csv or jsonl");
        }

        if (!File.Exists(input))
        {
            throw new OptionsException("--input", $"file '{input}' does not exist");
        }

        var clicksPath = flags.Get("clicks");
        if (clicksPath is not null && !File.Exists(clicksPath))
        {
            throw new OptionsException("--clicks", $"file '{clicksPath}' does not exist");
        }

        var fraud = EngineConfiguration.Bind<FraudOptions>(configuration, EngineOptions.FraudSection);
        var training = new FraudTrainingOptions
        {
            Version = flags.Get("version") ?? $"{DateTimeOffset.UtcNow:yyyyMMdd.HHmm}",
            CreatedAt = DateTimeOffset.UtcNow,
            ValidationFraction = Fraction(flags, "holdout", 0.2, allowZero: false),
            ReviewRate = Fraction(flags, "review-rate", 0.01, allowZero: false),
            Features = fraud,
        };

        // Features only compare pseudonyms; the engine's secret keeps text ids consistent with numeric ones from ClickHouse.
        var pseudonymizer = new Pseudonymizer(EngineConfiguration.Bind<PrivacyOptions>(configuration, PrivacyOptions.Section).ResolveSecret());
        FraudTrainingInput data;
        try
        {
            using var reader = File.OpenText(input);
            data = format == "csv" ? FraudTrainingInput.ReadCsv(reader, pseudonymizer) : FraudTrainingInput.ReadJsonLines(reader, pseudonymizer);
        }
        catch (InvalidDataException ex)
        {
            throw new OptionsException("--input", $"'{input}': {ex.Message.TrimEnd('.')}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {data.Events.Count:N0} transaction events from {input} ({format})"));
        if (clicksPath is not null)
        {
            try
            {
                using var reader = File.OpenText(clicksPath);
                data = data with { Clicks = FraudTrainingInput.ReadClickJsonLines(reader, pseudonymizer) };
            }
            catch (InvalidDataException ex)
            {
                throw new OptionsException("--clicks", $"'{clicksPath}': {ex.Message.TrimEnd('.')}");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {data.Clicks.Count:N0} clickstream events from {clicksPath}"));
        }
        FraudTrainingResult result;
        try
        {
            result = FraudTrainer.Train(data, training);
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsException("--input", ex.Message.TrimEnd('.'));
        }

        output.Write(result.Report());
        File.WriteAllBytes(modelPath, result.ToModelJson());
        output.WriteLine($"model written to {modelPath} (use it with --StreamEngine:Fraud:ModelPath={modelPath})");
        return Task.FromResult(0);
    }

    private static double Fraction(CommandLine flags, string name, double defaultValue, bool allowZero)
    {
        var text = flags.Get(name);
        if (text is null)
        {
            return defaultValue;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value < 1 && (value > 0 || (allowZero && value == 0))
            ? value
            : throw new OptionsException($"--{name}", $"'{text}' is not a fraction between 0 and 1");
    }
}
