using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamEngine.Core.Events;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Training-input decoding (not a hot path): maps one record, given as a field lookup, to a <see cref="PaymentEvent"/>
/// and an optional label. Live decoding belongs to the Kafka decoders.
/// </summary>
internal static class TrainingRecordParser
{
    public static void AddJson(string line, int lineNumber, Pseudonymizer p, List<PaymentEvent> events, Dictionary<string, bool> labels)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Training input line {lineNumber}: not valid JSON ({e.Message}).", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"Training input line {lineNumber}: not a JSON object.");
            }

            var root = doc.RootElement;
            Add(name => root.TryGetProperty(name, out var v) ? Text(v) : null, numericIdsArePseudonyms: false, lineNumber, p, events, labels);
        }
    }

    public static void AddCsv(string[] columns, string line, int lineNumber, Pseudonymizer p, List<PaymentEvent> events, Dictionary<string, bool> labels)
    {
        var values = SplitCsv(line);
        if (values.Length != columns.Length)
        {
            throw new InvalidDataException($"Training input line {lineNumber}: {values.Length} fields, header has {columns.Length}.");
        }

        Add(name =>
        {
            var i = Array.IndexOf(columns, name);
            return i < 0 || values[i].Length == 0 ? null : values[i];
        }, numericIdsArePseudonyms: true, lineNumber, p, events, labels);
    }

    public static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { sb.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else { sb.Append(c); }
        }

        fields.Add(sb.ToString());
        return [.. fields];
    }

    private static void Add(Func<string, string?> get, bool numericIdsArePseudonyms, int lineNumber, Pseudonymizer p,
        List<PaymentEvent> events, Dictionary<string, bool> labels)
    {
        string Required(string name) => get(name) ?? throw new InvalidDataException($"Training input line {lineNumber}: field '{name}' is missing.");
        ulong Id(string name, bool required)
        {
            var v = required ? Required(name) : get(name);
            return v is null ? 0 : numericIdsArePseudonyms && ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : p.Pseudonymize(v);
        }

        double Number(string name)
        {
            var v = get(name);
            return v is not null && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN;
        }

        var type = Required("type").ToUpperInvariant() switch
        {
            "PAYMENT" => Required("status").ToUpperInvariant() switch
            {
                "AUTHORIZED" => PaymentEventType.Authorized,
                "DECLINED" => PaymentEventType.Declined,
                var s => throw new InvalidDataException($"Training input line {lineNumber}: field 'status' has unknown value '{s}'."),
            },
            "AUTHORIZED" => PaymentEventType.Authorized,
            "DECLINED" => PaymentEventType.Declined,
            "REFUND" or "REFUNDED" => PaymentEventType.Refunded,
            "CHARGEBACK" => PaymentEventType.Chargeback,
            _ => (PaymentEventType?)null,
        };
        if (type is null)
        {
            return; // other event types on the topic carry nothing for fraud training
        }

        var attempt = type is PaymentEventType.Authorized or PaymentEventType.Declined;
        var amountCents = get("amount_cents") is { } cents ? long.Parse(cents, CultureInfo.InvariantCulture)
            : (long)Math.Round(Number("amount") * 100);
        var txnId = Required("txn_id");
        events.Add(new PaymentEvent(
            Id("event_id", required: false), ParseTime(Required("ts"), lineNumber), type.Value, txnId, Id("order_id", attempt),
            Id("user_id", true), Id("card_token", true), amountCents, get("currency") ?? "", [],
            Id("ip", attempt), Id("device_id", attempt), Id("session_id", false),
            attempt ? Required("billing_country") : get("billing_country") ?? "",
            attempt ? Required("shipping_country") : get("shipping_country") ?? "",
            attempt ? Required("ip_country") : get("ip_country") ?? "",
            Number("lat"), Number("lon")));

        if (attempt && (get("label") ?? get("is_fraud")) is { } label)
        {
            labels[txnId] = label is "1" or "true" or "True" or "TRUE";
        }
    }

    private static long ParseTime(string text, int lineNumber)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            return ms;
        }

        // ISO 8601 with an offset, or ClickHouse's "yyyy-MM-dd HH:mm:ss" (taken as UTC).
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            return t.ToUnixTimeMilliseconds();
        }

        throw new InvalidDataException($"Training input line {lineNumber}: field 'ts' is not a time ('{text}').");
    }

    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
