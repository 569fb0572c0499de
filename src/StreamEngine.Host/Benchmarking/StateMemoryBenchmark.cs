using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Benchmarking;

/// <summary>
/// <c>streamengine bench --state-memory</c>: streams simulated records (never held in memory) through every feature on
/// one thread without draining, then reports the managed heap the engine holds: in total, per distinct user seen and
/// per key held by the window and session operators. The heap is measured after a full blocking GC, before and after.
/// </summary>
internal static class StateMemoryBenchmark
{
    public static string Run(EngineOptions options, SimulatorOptions simulation, string bootstrapServers)
    {
        using var handler = new DiscardingHttpHandler();
        using var client = new ClickHouseClient(options.ClickHouse, new HttpClient(handler));
        var metrics = new EngineMetrics(new MetricRegistry());
        using var core = new EngineCore(options, client, bootstrapServers, BenchRecords.Topics, metrics, new SinkMetrics(metrics, NullLogger.Instance), NullLogger.Instance, TimeProvider.System);
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
        var held = after - before;
        long keys = 0;
        foreach (var task in tasks.Values)
        {
            keys += task.StateCount;
        }

        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"state memory    {events:N0} events, {users.Count:N0} distinct users, {keys:N0} operator keys (open windows, sessions, per-key state)");
        text.AppendLine(c, $"managed heap    {held / (1024.0 * 1024):N1} MiB held by the engine ({after / (1024.0 * 1024):N1} MiB total after GC)");
        text.Append(c, $"per key         {(users.Count == 0 ? 0 : held / (double)users.Count):N0} B per distinct user, {(keys == 0 ? 0 : held / (double)keys):N0} B per operator key");
        GC.KeepAlive(users);
        return text.ToString();
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
}
