using System.Globalization;
using Confluent.Kafka;
using StreamEngine.Core.Events;

namespace StreamEngine.Kafka;

/// <summary>
/// Quarantines a record that cannot be processed: the original key and bytes go unchanged to the dead-letter topic,
/// with headers naming the machine-readable reason, the offending field and the record's topic/partition/offset/time.
/// </summary>
public sealed class DeadLetterPublisher(KafkaOutput output, string topic)
{
    public const string ReasonHeader = "streamengine.reason";
    public const string FieldHeader = "streamengine.field";
    public const string TopicHeader = "streamengine.source.topic";
    public const string PartitionHeader = "streamengine.source.partition";
    public const string OffsetHeader = "streamengine.source.offset";
    public const string TimestampHeader = "streamengine.source.timestamp";

    private static readonly byte[][] ReasonNames =
        Enum.GetNames<DecodeStatus>().Select(name => KafkaOutput.Utf8(ToSnakeCase(name))).ToArray();

    public string Topic { get; } = topic;

    /// <summary>The wire name of a reason, e.g. "missing_field".</summary>
    public static string ReasonName(DecodeStatus status) => ToSnakeCase(status.ToString());

    public void Publish(ConsumeResult<byte[], byte[]> record, DecodeStatus reason, string? field)
    {
        ArgumentNullException.ThrowIfNull(record);
        var headers = new Headers
        {
            { ReasonHeader, ReasonNames[(int)reason] },
            { TopicHeader, KafkaOutput.Utf8(record.Topic) },
            { PartitionHeader, KafkaOutput.Utf8(record.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
            { OffsetHeader, KafkaOutput.Utf8(record.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
            { TimestampHeader, KafkaOutput.Utf8(record.Message.Timestamp.UnixTimestampMs.ToString(CultureInfo.InvariantCulture)) },
        };
        if (field is not null)
        {
            headers.Add(FieldHeader, KafkaOutput.Utf8(field));
        }

        output.Produce(Topic, record.Message.Key, record.Message.Value ?? [], headers);
    }

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
