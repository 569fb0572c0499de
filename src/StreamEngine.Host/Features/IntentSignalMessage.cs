using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamEngine.Core.Features;

namespace StreamEngine.Host.Features;

/// <summary>
/// The Kafka form of an <see cref="IntentSignal"/>: compact JSON
/// <c>{"signal_id":"&lt;user hex&gt;|&lt;category&gt;|&lt;time_ms&gt;","user_id":"&lt;user hex&gt;","category":"…","event_count":5,"window_start_ms":…,"time_ms":…}</c>.
/// <c>user_id</c> is the pseudonym (16 hex digits), never the raw id; <c>signal_id</c> is deterministic, so consumers
/// de-duplicate replays with it. One instance per partition task (reuses its buffer), consume thread only.
/// </summary>
internal sealed class IntentSignalMessage : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;

    public IntentSignalMessage() => _json = new Utf8JsonWriter(_buffer);

    /// <summary>The message key: the user pseudonym as 16 lower-case hex digits.</summary>
    public static byte[] Key(in IntentSignal signal) => Encoding.ASCII.GetBytes(UserHex(signal.UserId));

    public static string UserHex(ulong userId) => userId.ToString("x16", CultureInfo.InvariantCulture);

    public byte[] Encode(in IntentSignal signal)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        var user = UserHex(signal.UserId);
        _json.WriteStartObject();
        _json.WriteString("signal_id", string.Create(CultureInfo.InvariantCulture, $"{user}|{signal.Category}|{signal.TimeMs}"));
        _json.WriteString("user_id", user);
        _json.WriteString("category", signal.Category);
        _json.WriteNumber("event_count", signal.Count);
        _json.WriteNumber("window_start_ms", signal.WindowStartMs);
        _json.WriteNumber("time_ms", signal.TimeMs);
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _json.Dispose();
}
