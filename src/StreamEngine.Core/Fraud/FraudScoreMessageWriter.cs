using System.Buffers;
using System.Text.Json;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Serialises a <see cref="FraudScore"/> as the compact JSON message of the <c>fraud-scores</c> topic:
/// {"txn_id","score","decision","reasons":[...],"model_version","event_time" (epoch ms),"latency_us"}. Reuses one buffer
/// and one <see cref="Utf8JsonWriter"/>; not thread-safe (one per partition task, consume thread only).
/// </summary>
public sealed class FraudScoreMessageWriter : IDisposable
{
    private static readonly JsonEncodedText TxnId = JsonEncodedText.Encode("txn_id");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText Decision = JsonEncodedText.Encode("decision");
    private static readonly JsonEncodedText Reasons = JsonEncodedText.Encode("reasons");
    private static readonly JsonEncodedText ModelVersion = JsonEncodedText.Encode("model_version");
    private static readonly JsonEncodedText EventTime = JsonEncodedText.Encode("event_time");
    private static readonly JsonEncodedText LatencyUs = JsonEncodedText.Encode("latency_us");
    private static readonly JsonEncodedText[] Decisions =
        [JsonEncodedText.Encode("approve"), JsonEncodedText.Encode("review"), JsonEncodedText.Encode("decline")];

    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;

    public FraudScoreMessageWriter() => _json = new Utf8JsonWriter(_buffer);

    /// <summary>The lower-case decision name used in messages and in the ClickHouse enum.</summary>
    public static string DecisionName(FraudDecision decision) => decision switch
    {
        FraudDecision.Approve => "approve",
        FraudDecision.Review => "review",
        _ => "decline",
    };

    /// <summary>Writes the message into the reused buffer and returns it (valid until the next call).</summary>
    public ReadOnlySpan<byte> Write(in FraudScore score, long latencyUs)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString(TxnId, score.TxnId);
        _json.WriteNumber(Score, Math.Round(score.Score, 6));
        _json.WriteString(Decision, Decisions[(int)score.Decision]);
        _json.WriteStartArray(Reasons);
        WriteReason(score.Reason1);
        WriteReason(score.Reason2);
        WriteReason(score.Reason3);
        _json.WriteEndArray();
        _json.WriteString(ModelVersion, score.ModelVersion);
        _json.WriteNumber(EventTime, score.TimeMs);
        _json.WriteNumber(LatencyUs, latencyUs);
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan;
    }

    public void Dispose() => _json.Dispose();

    private void WriteReason(FraudReason reason)
    {
        if (reason != FraudReason.None)
        {
            _json.WriteStringValue(FraudReasonCodes.Code(reason));
        }
    }
}
