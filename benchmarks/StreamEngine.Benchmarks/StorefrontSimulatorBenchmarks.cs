using BenchmarkDotNet.Attributes;
using StreamEngine.Core.Simulation;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Generation throughput of the storefront simulator, including JSON writing and ground-truth counting; excludes
/// consuming the records (each is only touched). Allocation is dominated by the returned key and value arrays.
/// </summary>
[MemoryDiagnoser]
public class StorefrontSimulatorBenchmarks
{
    [Params(1_000_000)]
    public long Records { get; set; }

    [Benchmark]
    public long Generate()
    {
        var simulator = new StorefrontSimulator(new SimulatorOptions { EventCount = Records });
        long bytes = 0;
        foreach (var record in simulator.Generate())
        {
            bytes += record.Value.Length;
        }

        return bytes;
    }
}
