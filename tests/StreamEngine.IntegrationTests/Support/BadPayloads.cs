using System.Text;

namespace StreamEngine.IntegrationTests.Support;

/// <summary>
/// Mixes deterministic bad records into valid traffic: every kind of bad input the engine must quarantine, each with
/// the dead-letter reason it must get. Mutations are chosen so that none can accidentally stay valid.
/// </summary>
internal sealed class BadPayloads(int seed, double badPerValid)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, long> _expected = new(StringComparer.Ordinal);

    /// <summary>Injected bad records per expected dead-letter reason.</summary>
    public IReadOnlyDictionary<string, long> ExpectedReasons => _expected;

    public long Injected => _expected.Values.Sum();

    public IEnumerable<(string Topic, byte[] Key, byte[] Value, long TimestampMs)> Mix(
        IEnumerable<(string Topic, byte[] Key, byte[] Value, long TimestampMs)> valid, string clickstreamTopic)
    {
        var debt = 0.0;
        foreach (var record in valid)
        {
            yield return record;
            if (record.Topic != clickstreamTopic)
            {
                continue;
            }

            for (debt += badPerValid; debt >= 1; debt--)
            {
                var (reason, value) = Mutate(record.Value);
                _expected[reason] = _expected.GetValueOrDefault(reason) + 1;
                yield return (record.Topic, record.Key, value, record.TimestampMs);
            }
        }
    }

    private (string Reason, byte[] Value) Mutate(byte[] original)
    {
        var json = Encoding.UTF8.GetString(original);
        switch (_random.Next(10))
        {
            case 0:
                return ("malformed_json", original[..(1 + _random.Next(original.Length - 2))]);
            case 1:
                var bytes = (byte[])original.Clone();
                bytes[original.AsSpan().IndexOf("\"event_id\":\""u8) + 13] = 0xFF;
                return ("invalid_utf8", bytes);
            case 2:
                return ("missing_field", Utf8(RemoveField(json, "user_id")));
            case 3:
                return ("wrong_type", Utf8(ReplaceValue(json, "user_id", "12345")));
            case 4:
                return ("unknown_event_type", Utf8(ReplaceValue(json, "type", "\"teleport\"")));
            case 5:
                return ("invalid_value", Utf8(ReplaceValue(json, "country", "\"germany\"")));
            case 6:
                return ("bad_timestamp", Utf8(ReplaceValue(json, "ts", "4102444800000")));
            case 7:
                // Rarer than the others: each is over 64 KB and the mock cluster keeps only 5 MB per partition.
                return _random.Next(20) == 0
                    ? ("oversized", Utf8(json.Insert(1, $"\"padding\":\"{new string('x', 66_000)}\",")))
                    : ("duplicate", original);
            case 8:
                return ("duplicate", original);
            default:
                var garbage = new byte[1 + _random.Next(200)];
                _random.NextBytes(garbage);
                garbage[0] = 0xC3; // a lone lead byte followed by random bytes: never valid UTF-8 here
                garbage[^1] = 0xC3;
                return ("invalid_utf8", garbage);
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string RemoveField(string json, string field)
    {
        var start = json.IndexOf($"\"{field}\":", StringComparison.Ordinal);
        var end = ValueEnd(json, start + field.Length + 3);
        return json.Remove(start, end - start + (json[end] == ',' ? 1 : 0));
    }

    private static string ReplaceValue(string json, string field, string value)
    {
        var start = json.IndexOf($"\"{field}\":", StringComparison.Ordinal) + field.Length + 3;
        return string.Concat(json.AsSpan(0, start), value, json.AsSpan(ValueEnd(json, start)));
    }

    // End (exclusive) of a JSON scalar starting at 'start': a string or a number/literal in the simulator's output.
    private static int ValueEnd(string json, int start)
    {
        if (json[start] == '"')
        {
            var i = start + 1;
            while (json[i] != '"')
            {
                i += json[i] == '\\' ? 2 : 1;
            }

            return i + 1;
        }

        var end = start;
        while (end < json.Length && json[end] is not (',' or '}'))
        {
            end++;
        }

        return end;
    }
}
