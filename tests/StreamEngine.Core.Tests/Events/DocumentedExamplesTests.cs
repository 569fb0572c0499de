using StreamEngine.Core.Events;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Events;

/// <summary>Every JSON example in docs/events.md decodes under its topic, so the contract and the code cannot drift.</summary>
public sealed class DocumentedExamplesTests
{
    [Fact]
    public void EveryExampleInTheContract_DecodesUnderItsTopic()
    {
        var click = ClickDecoder();
        var payment = PaymentDecoder();
        var inventory = InventoryDecoder();
        var topic = string.Empty;
        var decoded = new Dictionary<string, int>();
        foreach (var line in File.ReadLines(FindContract()))
        {
            if (line.StartsWith("## Topic `", StringComparison.Ordinal))
            {
                topic = line["## Topic `".Length..].TrimEnd('`');
                continue;
            }

            if (!line.StartsWith("{\"event_id\"", StringComparison.Ordinal))
            {
                continue;
            }

            var json = Utf8(line);
            var result = topic switch
            {
                "clickstream" => click.TryDecode(json, KafkaMs, out _),
                "transactions" => payment.TryDecode(json, KafkaMs, out _),
                "inventory" => inventory.TryDecode(json, KafkaMs, out _),
                _ => throw new InvalidOperationException($"example outside a topic section: {line}"),
            };
            Assert.True(result.IsOk, $"{topic}: {result} for {line}");
            decoded[topic] = decoded.GetValueOrDefault(topic) + 1;
        }

        Assert.Equal(7, decoded["clickstream"]);
        Assert.Equal(4, decoded["transactions"]);
        Assert.Equal(6, decoded["inventory"]);
    }

    private static string FindContract()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "events.md");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("docs/events.md not found above " + AppContext.BaseDirectory);
    }
}
