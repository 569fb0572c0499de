using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace StreamEngine.Host.Benchmarking;

/// <summary>What one benchmark mode measured, and how it prints.</summary>
internal sealed record BenchResult(
    string Mode,
    string Includes,
    long Events,
    int Threads,
    TimeSpan Elapsed,
    double P50Us,
    double P99Us,
    double P999Us,
    double AllocatedBytesPerEvent,
    int Gen0,
    int Gen1,
    int Gen2,
    long PeakWorkingSetBytes)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    /// <summary>Time (summed over threads) spent in the commit barrier: sink flushes and waiting for Kafka acknowledgements.</summary>
    public TimeSpan Barrier { get; init; }

    /// <summary>p50/p99/p99.9 of the transactions topic's records alone (each payment's score is produced while it is processed).</summary>
    public (double P50, double P99, double P999)? PaymentLatencyUs { get; init; }

    /// <summary>
    /// Bytes allocated per record over the second half of the input only: by then the per-key state of the simulated
    /// population has grown (its arrays' growth is charged to the first half), so this is closer to the steady state.
    /// </summary>
    public double? SecondHalfBytesPerEvent { get; init; }

    public string Format()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"mode            {Mode}");
        text.AppendLine(c, $"includes        {Includes}");
        text.AppendLine(c, $"events          {Events:N0} on {Threads} thread(s) in {Elapsed.TotalSeconds:0.00} s");
        text.AppendLine(c, $"throughput      {EventsPerSecond:N0} events/s ({EventsPerSecond / Threads:N0} per core)");
        if (Barrier > TimeSpan.Zero)
        {
            var busy = (Elapsed.TotalSeconds * Threads) - Barrier.TotalSeconds;
            text.AppendLine(c, $"commit barrier  {Barrier.TotalSeconds:0.00} s thread time in flushes (mostly waiting for mock-Kafka acks); without it {Events / busy:N0} events/s per core");
        }

        if (P50Us > 0)
        {
            text.AppendLine(c, $"latency         p50 {P50Us:0.0} µs, p99 {P99Us:0.0} µs, p99.9 {P999Us:0.0} µs (per event, consume -> encoded output)");
        }

        if (PaymentLatencyUs is var (p50, p99, p999) && p50 > 0)
        {
            text.AppendLine(c, $"payments        p50 {p50:0.0} µs, p99 {p99:0.0} µs, p99.9 {p999:0.0} µs (transactions records: consume -> fraud score handed to the Kafka producer, every feature on the thread)");
        }

        if (AllocatedBytesPerEvent >= 0)
        {
            var later = SecondHalfBytesPerEvent is { } half ? $" ({half:0.0} B/event over the second half, once per-key state has grown)" : "";
            text.AppendLine(c, $"allocated       {AllocatedBytesPerEvent:0.0} B/event{later}");
        }

        text.AppendLine(c, $"GC              gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}");
        text.Append(c, $"peak memory     {PeakWorkingSetBytes / (1024.0 * 1024):N0} MiB working set");
        return text.ToString();
    }

    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}";
    }
}
