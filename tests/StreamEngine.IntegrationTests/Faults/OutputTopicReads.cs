using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// Turns the records of the engine's Kafka outputs into <see cref="Relation"/>s: the key and each top-level field of a
/// JSON value as columns (the dead-letter topic: key, original bytes and the quarantine headers), identified by the
/// de-duplication key docs/guarantees.md names for the topic.
/// </summary>
/// <remarks>
/// Outputs are at least once with deterministic keys (docs/guarantees.md): a crash between producing and committing, or
/// a re-sent delivery, repeats a message. So each topic is compared as the set of its distinct records, which drops
/// exactly those repeats (fraud scores after <see cref="RunToRunVariance"/> has removed their wall-clock latency).
/// "Last value per key" would be weaker: it would hide a message once sent with another value (a different decision)
/// and later sent again corrected.
/// </remarks>
internal static class OutputTopicReads
{
    public const string DemandWatermarks = "streamengine-demand watermarks";

    public static IEnumerable<Relation> Read(KafkaOptions topics, IReadOnlyDictionary<string, IReadOnlyList<ConsumeResult<byte[], byte[]>>> records)
    {
        yield return Json(topics.FraudScoresTopic, records[topics.FraudScoresTopic], ["txn_id"]);
        yield return Json(topics.IntentTopic, records[topics.IntentTopic], ["signal_id"]);
        yield return Json(topics.ReplenishmentTopic, records[topics.ReplenishmentTopic], ["key", "time_ms"]);

        // The demand topic carries purchases re-keyed by SKU and, without a key, each producing task's watermark.
        var demand = records[topics.DemandTopic];
        yield return Json(topics.DemandTopic, demand.Where(r => r.Message.Key is not null), ["event_id"]);
        yield return Json(DemandWatermarks, demand.Where(r => r.Message.Key is null), ["source_partition", "watermark_ms"]);
        yield return DeadLetters(topics.DeadLetterTopic, records[topics.DeadLetterTopic]);
    }

    private static Relation Json(string name, IEnumerable<ConsumeResult<byte[], byte[]>> records, string[] identity)
    {
        var rows = records
            .Select(r => Fields(r.Message.Key, r.Message.Value))
            .ToList();
        List<string> columns = ["key", .. identity, .. rows.SelectMany(r => r.Keys)];
        columns = columns.Distinct(StringComparer.Ordinal).ToList();
        return Relation.OfDistinct(name, columns, identity, rows.Select(r => columns.Select(c => r.GetValueOrDefault(c, "")).ToArray()));
    }

    private static Dictionary<string, string> Fields(byte[]? key, byte[] value)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["key"] = Text(key) };
        using var json = JsonDocument.Parse(value);
        foreach (var property in json.RootElement.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return fields;
    }

    private static Relation DeadLetters(string name, IEnumerable<ConsumeResult<byte[], byte[]>> records)
    {
        string[] headers =
        [
            DeadLetterPublisher.ReasonHeader, DeadLetterPublisher.FieldHeader, DeadLetterPublisher.TopicHeader,
            DeadLetterPublisher.PartitionHeader, DeadLetterPublisher.OffsetHeader, DeadLetterPublisher.TimestampHeader,
        ];
        var rows = records.Select(r => (string[])
        [
            Text(r.Message.Key), Text(r.Message.Value),
            .. headers.Select(h => r.Message.Headers.TryGetLastBytes(h, out var bytes) ? Text(bytes) : ""),
        ]);
        return Relation.OfDistinct(
            name, ["key", "value", .. headers], [DeadLetterPublisher.TopicHeader, DeadLetterPublisher.PartitionHeader, DeadLetterPublisher.OffsetHeader], rows);
    }

    private static string Text(byte[]? bytes) => bytes is null ? "" : Encoding.UTF8.GetString(bytes);
}
