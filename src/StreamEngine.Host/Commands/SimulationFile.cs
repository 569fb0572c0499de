using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using StreamEngine.Core;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Commands;

/// <summary>
/// <c>streamengine simulate --out FILE [--topic transactions|clickstream|inventory|all] [--labels false]</c>: the
/// simulated records' JSON values, one per line (the transactions topic by default: the input of
/// <c>streamengine train</c>). Payments get a <c>"label"</c> field from the simulator's ground truth unless
/// <c>--labels false</c>: chargebacks arrive days later (and never for declined attempts), so a short simulation
/// would otherwise have almost no labelled fraud.
/// </summary>
internal static class SimulationFile
{
    private static readonly byte[] LabelTrue = ",\"label\":true}\n"u8.ToArray();
    private static readonly byte[] LabelFalse = ",\"label\":false}\n"u8.ToArray();

    public static int Write(IConfiguration configuration, EngineOptions options, CommandLine flags, string path, long defaultEvents)
    {
        var (simulator, simulation) = SimulationSource.Create(configuration, options, flags, defaultEvents);
        var topic = flags.Get("topic") ?? "transactions";
        string? only = topic switch
        {
            "all" => null,
            "transactions" => options.Kafka.TransactionsTopic,
            "clickstream" => options.Kafka.ClickstreamTopic,
            "inventory" => options.Kafka.InventoryTopic,
            _ => throw new OptionsException("--topic", $"'{topic}' is not transactions, clickstream, inventory or all"),
        };
        var labels = flags.Get("labels") is not ("false" or "0");

        // Labels are known once the whole run is generated, so the (transactions-sized) selection is kept in memory.
        var selected = new List<(bool Payment, string? TxnId, byte[] Value)>();
        foreach (var record in simulator.Generate())
        {
            if (only is null || record.Topic == only)
            {
                string? txn = null;
                var isPayment = labels && record.Topic == options.Kafka.TransactionsTopic && TryPaymentTxn(record.Value, out txn);
                selected.Add((isPayment, txn, record.Value));
            }
        }

        var truth = simulator.GroundTruth;
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            foreach (var (payment, txn, value) in selected)
            {
                var json = value.AsSpan().TrimEnd("\r\n "u8);
                if (payment && json.Length > 1 && json[^1] == (byte)'}')
                {
                    file.Write(json[..^1]);
                    file.Write(truth.FraudTxnIds.Contains(txn!) ? LabelTrue : LabelFalse);
                }
                else
                {
                    file.Write(json);
                    file.WriteByte((byte)'\n');
                }
            }
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {selected.Count:N0} of {simulation.EventCount:N0} simulated records ({topic}) to {path} (seed {simulation.Seed}); fraud payments {truth.FraudPayments:N0}{(labels ? ", labelled" : "")}"));
        return 0;
    }

    private static bool TryPaymentTxn(byte[] value, out string? txnId)
    {
        using var doc = JsonDocument.Parse(value);
        var root = doc.RootElement;
        txnId = root.TryGetProperty("txn_id", out var t) ? t.GetString() : null;
        return txnId is not null && root.TryGetProperty("type", out var type) && type.ValueEquals("payment"u8);
    }
}
