using BenchmarkDotNet.Running;

namespace StreamEngine.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        // A plain timed loop, not a BenchmarkDotNet job: per-payment percentiles need every sample, not means.
        if (args is ["fraud-latency", ..])
        {
            FraudPathBenchmarks.PrintLatencyPercentiles();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
