using StreamEngine.Core.Simulation;

namespace StreamEngine.Core.Tests.Simulation;

public sealed class StorefrontSimulatorDeterminismTests
{
    private static SimulatorOptions Small(int seed) => new()
    {
        Seed = seed,
        EventCount = 30_000,
        Duration = TimeSpan.FromHours(12),
        Users = 2_000,
        Products = 200,
    };

    [Fact]
    public void SameOptions_GiveByteIdenticalRecords()
    {
        var a = new StorefrontSimulator(Small(3)).Generate().ToList();
        var b = new StorefrontSimulator(Small(3)).Generate().ToList();

        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Topic, b[i].Topic);
            Assert.Equal(a[i].TimestampMs, b[i].TimestampMs);
            Assert.True(a[i].Key.AsSpan().SequenceEqual(b[i].Key), $"key {i}");
            Assert.True(a[i].Value.AsSpan().SequenceEqual(b[i].Value), $"value {i}");
        }
    }

    [Fact]
    public void EnumeratingTwice_RestartsTheRunAndTheGroundTruth()
    {
        var simulator = new StorefrontSimulator(Small(3));
        var first = simulator.Generate().Select(r => Convert.ToBase64String(r.Value)).ToList();
        var firstTruth = simulator.GroundTruth;
        var second = simulator.Generate().Select(r => Convert.ToBase64String(r.Value)).ToList();

        Assert.Equal(first, second);
        Assert.NotSame(firstTruth, simulator.GroundTruth);
        Assert.Equal(firstTruth.TotalRecords, simulator.GroundTruth.TotalRecords);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentRecords()
    {
        var a = new StorefrontSimulator(Small(3)).Generate().Take(2_000).ToList();
        var b = new StorefrontSimulator(Small(4)).Generate().Take(2_000).ToList();

        var same = a.Zip(b).Count(p => p.First.Value.AsSpan().SequenceEqual(p.Second.Value));
        Assert.Equal(0, same);
    }

    [Fact]
    public void YieldsExactlyEventCount_AndReportsProgress()
    {
        var reports = new List<long>();
        var progress = new SynchronousProgress(reports);
        var count = new StorefrontSimulator(Small(5)).Generate(progress, 7_000).Count();

        Assert.Equal(30_000, count);
        Assert.Equal([7_000L, 14_000, 21_000, 28_000, 30_000], reports);
    }

    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
