using System.Text.Json;
using System.Text.Json.Nodes;
using StreamEngine.Core.Events;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Events;

/// <summary>
/// Every field of every event type of every topic (the samples of docs/events.md, items[] fields included), given each
/// JSON type it must not have, is rejected as WrongType naming that field. The table is generated from the samples, so
/// a field added to a sample is covered too.
/// </summary>
public sealed class DecoderWrongTypeTests
{
    /// <summary>Fields that take epoch milliseconds (a number) or ISO 8601 (a string): only other JSON types are wrong.</summary>
    private static readonly HashSet<string> TimeFields = ["ts", "ordered_at", "expected_at", "received_at", "promised_at", "dispatched_at"];

    public static TheoryData<string, string, string, string> WrongTypes()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var topic in Topics)
        {
            foreach (var (type, sample) in OfTopic(topic))
            {
                foreach (var (field, value) in JsonNode.Parse(sample)!.AsObject())
                {
                    foreach (var wrong in WrongValues(field, value!.GetValueKind()))
                    {
                        data.Add(topic, type, field, wrong);
                    }

                    if (value.GetValueKind() == JsonValueKind.Array)
                    {
                        foreach (var (itemField, itemValue) in value.AsArray()[0]!.AsObject())
                        {
                            foreach (var wrong in WrongValues(itemField, itemValue!.GetValueKind()))
                            {
                                data.Add(topic, type, $"{field}[].{itemField}", wrong);
                            }
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void WrongJsonType_IsWrongTypeNamingTheField(string topic, string type, string field, string value)
    {
        var json = OfTopic(topic)[type];
        var mutated = field.Split("[].") is [var array, var itemField] ? WithFirstItem(json, array, itemField, value) : With(json, field, value);

        Assert.Equal(DecodeResult.Fail(DecodeStatus.WrongType, field), Decode(topic, mutated));
    }

    [Fact]
    public void TheTable_CoversEveryTypeOfEveryTopicAndTheItemFields()
    {
        var rows = WrongTypes().Select(r => ((string)r[0], (string)r[1], (string)r[2])).Distinct().ToList();

        Assert.Equal(Topics.Sum(t => OfTopic(t).Count), rows.Select(r => (r.Item1, r.Item2)).Distinct().Count());
        Assert.Contains(("transactions", "authorized", "items[].price"), rows);
        Assert.Contains(("inventory", "receipt", "received_at"), rows);
        Assert.Contains(("clickstream", "purchase", "order_id"), rows);
    }

    /// <summary>JSON values of every type the field's sample value does not have (a time field: neither number nor string).</summary>
    private static IEnumerable<string> WrongValues(string field, JsonValueKind kind)
    {
        string[] structural = kind == JsonValueKind.Array ? ["true", "{}"] : ["true", "{}", "[]"];
        if (TimeFields.Contains(field))
        {
            return structural;
        }

        return kind switch
        {
            JsonValueKind.String => [.. structural, "42"],
            JsonValueKind.Number => [.. structural, "\"42\""],
            JsonValueKind.Array => [.. structural, "\"x\"", "42"],
            _ => structural,
        };
    }

    private static byte[] WithFirstItem(string json, string array, string field, string value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[array]![0]![field] = JsonNode.Parse(value);
        return Utf8(node.ToJsonString());
    }
}
