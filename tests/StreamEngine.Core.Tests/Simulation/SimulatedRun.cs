using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamEngine.Core.Simulation;

namespace StreamEngine.Core.Tests.Simulation;

/// <summary>A generated run kept in memory with its ground truth, plus helpers to read the JSON independently.</summary>
public sealed class SimulatedRun
{
    private static readonly Lazy<SimulatedRun> SharedRun = new(() => Create(new SimulatorOptions
    {
        Seed = 7,
        EventCount = 150_000,
        Duration = TimeSpan.FromDays(3),
        Users = 5_000,
        Products = 300,
    }));

    private SimulatedRun(SimulatorOptions options, List<SimulatedRecord> records, GroundTruth truth)
    {
        Options = options;
        Records = records;
        Truth = truth;
    }

    /// <summary>One medium run shared by the read-only tests (generated once per test process).</summary>
    public static SimulatedRun Shared => SharedRun.Value;

    public SimulatorOptions Options { get; }

    public List<SimulatedRecord> Records { get; }

    public GroundTruth Truth { get; }

    public static SimulatedRun Create(SimulatorOptions options)
    {
        var simulator = new StorefrontSimulator(options);
        var records = simulator.Generate().ToList();
        return new SimulatedRun(options, records, simulator.GroundTruth);
    }

    public static string Str(JsonElement root, string name) => root.GetProperty(name).GetString()!;

    public static long Cents(JsonElement value) => (long)Math.Round(value.GetDecimal() * 100);

    /// <summary>A contract time field: epoch milliseconds, or an ISO 8601 string with an offset.</summary>
    public static long TimeMs(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetInt64()
        : DateTimeOffset.ParseExact(value.GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    public static string KeyOf(SimulatedRecord record) => Encoding.UTF8.GetString(record.Key);
}
