using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Host.Features;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Benchmarking;

/// <summary>
/// <c>streamengine bench --state-memory</c>: streams simulated records (never held in memory) through every feature on
/// one thread without draining, then reports the managed heap the engine holds: in total, per distinct user seen and
/// per key held by the window and session operators. The heap is measured after a full blocking GC, before and after;
/// tasks are disposed only after the measurement.
/// </summary>
internal static class StateMemoryBenchmark
{
    public static string Run(EngineOptions options, SimulatorOptions simulation, string bootstrapServers)
    {
        var held = Measure(options, simulation, bootstrapServers, FeatureCatalog.Create(options));
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"state memory    {held.Events:N0} events, {held.Users:N0} distinct users, {held.Keys:N0} operator keys (open windows, sessions, per-key state)");
        text.AppendLine(c, $"managed heap    {held.Bytes / (1024.0 * 1024):N1} MiB held by the engine ({held.TotalAfter / (1024.0 * 1024):N1} MiB total after GC)");
        text.Append(c, $"per key         {PerUser(held.Bytes, held):N0} B per distinct user, {(held.Keys == 0 ? 0 : held.Bytes / (double)held.Keys):N0} B per operator key");
        return text.ToString();
    }

    /// <summary>
    /// <c>--state-memory --breakdown</c>: the heap held by the engine without features (dedupe, watermarks, buffers),
    /// then by each feature alone (its share = the difference), then by all, per distinct user.
    /// </summary>
    public static string Breakdown(EngineOptions options, SimulatorOptions simulation, string bootstrapServers)
    {
        var catalog = FeatureCatalog.Create(options);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{"state",-26} {"MiB held",10} {"B/user",8} {"keys",10}");
        var none = Measure(options, simulation, bootstrapServers, new FeatureSet([]));
        Append("engine, no features", none.Bytes, none);
        foreach (var feature in catalog.Features)
        {
            var one = Measure(options, simulation, bootstrapServers, new FeatureSet([feature]));
            Append($"+ {feature.Name}", one.Bytes - none.Bytes, one with { Keys = one.Keys - none.Keys });
        }

        var all = Measure(options, simulation, bootstrapServers, catalog);
        Append("all features", all.Bytes, all);
        text.Append(c, $"({all.Events:N0} events, {all.Users:N0} distinct users)");
        return text.ToString();

        void Append(string stage, long bytes, Held held) =>
            text.AppendLine(c, $"{stage,-26} {bytes / (1024.0 * 1024),10:N1} {PerUser(bytes, held),8:N0} {held.Keys,10:N0}");
    }

    private static double PerUser(long bytes, Held held) => held.Users == 0 ? 0 : bytes / (double)held.Users;

    private static Held Measure(EngineOptions options, SimulatorOptions simulation, string bootstrapServers, FeatureSet features)
    {
        using var handler = new DiscardingHttpHandler();
        using var client = new ClickHouseClient(options.ClickHouse, new HttpClient(handler));
        var metrics = new EngineMetrics(new MetricRegistry());
        using var core = new EngineCore(options, client, bootstrapServers, BenchRecords.Topics, metrics, new SinkMetrics(metrics, NullLogger.Instance), NullLogger.Instance, TimeProvider.System, features);
        var tasks = new Dictionary<int, EnginePartitionTask>();
        var users = new HashSet<ulong>(simulation.Users); // sized up front so its growth is not counted as engine state
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long events = 0;
        foreach (var record in BenchRecords.Stream(simulation, MockKafkaCluster.PartitionsPerTopic))
        {
            if (!tasks.TryGetValue(record.Partition.Value, out var task))
            {
                task = (EnginePartitionTask)core.Tasks.Create(record.Partition.Value);
                tasks.Add(record.Partition.Value, task);
            }

            task.Process(record);
            if ((record.Offset.Value & (BenchRecords.TickEvery - 1)) == 0)
            {
                task.OnTick();
            }

            if (core.Barrier.FlushDue)
            {
                core.Barrier.Flush(CancellationToken.None);
            }

            if (record.Topic != options.Kafka.InventoryTopic)
            {
                users.Add(Fnv1a64(record.Message.Key));
            }

            events++;
        }

        core.Barrier.Flush(CancellationToken.None); // buffered rows are not state
        var after = GC.GetTotalMemory(forceFullCollection: true);
        long keys = 0;
        foreach (var task in tasks.Values)
        {
            keys += task.StateCount;
        }

        var held = new Held(events, users.Count, keys, after - before, after);
        GC.KeepAlive(users);
        foreach (var task in tasks.Values)
        {
            task.Dispose();
        }

        return held;
    }

    private static ulong Fnv1a64(ReadOnlySpan<byte> key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private readonly record struct Held(long Events, int Users, long Keys, long Bytes, long TotalAfter);
}
