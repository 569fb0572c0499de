using System.Text;
using StreamEngine.Core.Events;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Labelled training input: payment events plus explicit labels by txn id (empty = label by chargebacks in the data),
/// and optionally the clickstream of the same period (session and account-age features). The readers accept the
/// transactions topic's JSON lines and CSV with a header exported from ClickHouse, and the clickstream topic's JSON lines.
/// </summary>
public sealed record FraudTrainingInput(IReadOnlyList<PaymentEvent> Events, IReadOnlyDictionary<string, bool> Labels)
{
    /// <summary>Clicks merged with the payments by event time during training; empty = no clickstream.</summary>
    public IReadOnlyList<ClickEvent> Clicks { get; init; } = [];

    /// <summary>
    /// Reads the clickstream topic's JSON lines with the engine's own <see cref="ClickEventDecoder"/> (pseudonymised
    /// with <paramref name="pseudonymizer"/>, which must be the one the payments were read with, so user and session
    /// keys match). Throws <see cref="InvalidDataException"/> naming the line of a record the decoder rejects.
    /// </summary>
    public static IReadOnlyList<ClickEvent> ReadClickJsonLines(TextReader reader, Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var decoder = new ClickEventDecoder(pseudonymizer, new Utf8Interner(), new DecoderOptions());
        var clicks = new List<ClickEvent>();
        foreach (var (line, lineNumber) in NonBlankLines(reader, firstNumber: 1))
        {
            // Reference time 0 skips the clock-skew check: a file has no Kafka timestamps to compare with.
            var result = decoder.TryDecode(Encoding.UTF8.GetBytes(line), 0, out var click);
            if (!result.IsOk)
            {
                throw new InvalidDataException(
                    $"Clickstream input line {lineNumber}: {result.Status}{(result.Field is null ? "" : $" in field '{result.Field}'")}.");
            }

            clicks.Add(click);
        }

        return clicks;
    }

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
        foreach (var (line, lineNumber) in NonBlankLines(reader, firstNumber: 1))
        {
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
        foreach (var (line, lineNumber) in NonBlankLines(reader, firstNumber: 2))
        {
            TrainingRecordParser.AddCsv(columns, line, lineNumber, pseudonymizer, events, labels);
        }

        return new FraudTrainingInput(events, labels);
    }

    /// <summary>The remaining lines of <paramref name="reader"/> that are not blank, with their 1-based numbers in the file.</summary>
    private static IEnumerable<(string Line, int Number)> NonBlankLines(TextReader reader, int firstNumber)
    {
        var number = firstNumber - 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (line, number);
            }
        }
    }
}
