using StreamEngine.Core.Events;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Labelled training input: payment events plus explicit labels by txn id (empty = label by chargebacks in the data).
/// The readers accept the transactions topic's JSON lines and CSV with a header exported from ClickHouse.
/// </summary>
public sealed record FraudTrainingInput(IReadOnlyList<PaymentEvent> Events, IReadOnlyDictionary<string, bool> Labels)
{
    /// <summary>
    /// Reads JSON lines in the transactions event contract; an optional "label" or "is_fraud" field (bool or 0/1)
    /// on a payment gives its label. Identifiers are pseudonymised with <paramref name="pseudonymizer"/>.
    /// Throws <see cref="InvalidDataException"/> naming the line for a malformed record.
    /// </summary>
    public static FraudTrainingInput ReadJsonLines(TextReader reader, Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var events = new List<PaymentEvent>();
        var labels = new Dictionary<string, bool>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            TrainingRecordParser.AddJson(line, lineNumber, pseudonymizer, events, labels);
        }

        return new FraudTrainingInput(events, labels);
    }

    /// <summary>
    /// Reads CSV with a header row (ClickHouse CSVWithNames) using the JSON field names as column names; numeric
    /// identifier columns are taken as already pseudonymised, text ones are pseudonymised here.
    /// </summary>
    public static FraudTrainingInput ReadCsv(TextReader reader, Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var events = new List<PaymentEvent>();
        var labels = new Dictionary<string, bool>(StringComparer.Ordinal);
        var header = reader.ReadLine() ?? throw new InvalidDataException("CSV training input is empty (expected a header row).");
        var columns = TrainingRecordParser.SplitCsv(header);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            TrainingRecordParser.AddCsv(columns, line, lineNumber, pseudonymizer, events, labels);
        }

        return new FraudTrainingInput(events, labels);
    }
}
