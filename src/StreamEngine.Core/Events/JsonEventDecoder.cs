using System.Text.Json;

namespace StreamEngine.Core.Events;

/// <summary>
/// The frame every event decoder shares: the raw checks (size, UTF-8) first, then the decoder's own field loop over
/// one JSON object read straight from the bytes. Bad input is reported, never thrown: Utf8JsonReader's syntax errors
/// become <see cref="DecodeStatus.MalformedJson"/>. Not thread-safe: one per consume thread.
/// </summary>
public abstract class JsonEventDecoder<TEvent>
{
    private protected JsonEventDecoder(EventFieldReader fields) => Fields = fields;

    private protected EventFieldReader Fields { get; }

    /// <summary>
    /// Decodes one record. <paramref name="referenceTimeMs"/> is the Kafka message timestamp, against which the event
    /// time's clock skew is checked (so replays decide the same way). On failure <paramref name="evt"/> is default.
    /// </summary>
    public DecodeResult TryDecode(ReadOnlySpan<byte> json, long referenceTimeMs, out TEvent evt)
    {
        evt = default!;
        var raw = Fields.CheckRaw(json);
        if (raw != DecodeStatus.Ok)
        {
            return DecodeResult.Fail(raw);
        }

        try
        {
            var reader = new Utf8JsonReader(json, EventJson.ReaderOptions);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                ? Decode(ref reader, referenceTimeMs, out evt)
                : DecodeResult.Fail(DecodeStatus.MalformedJson);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Utf8JsonReader reports syntax errors by throwing; unescaping invalid \u sequences throws InvalidOperation.
            evt = default!;
            return DecodeResult.Fail(DecodeStatus.MalformedJson);
        }
    }

    /// <summary>Reads the object's fields; <paramref name="reader"/> is on its start. On failure <paramref name="evt"/> is default.</summary>
    private protected abstract DecodeResult Decode(ref Utf8JsonReader reader, long referenceTimeMs, out TEvent evt);
}
