using StreamEngine.Core.Simulation;
using static StreamEngine.Core.Tests.Simulation.SimulatedRun;

namespace StreamEngine.Core.Tests.Simulation;

public sealed class StorefrontSimulatorTimingTests
{
    [Fact]
    public void EveryRecord_IsAtMostMaxOutOfOrdernessBelowTheLatestEarlierRecordOfItsKey_AndSomeAreLate()
    {
        var run = Shared;
        var bound = (long)run.Options.MaxOutOfOrderness.TotalMilliseconds;
        var maxByKey = new Dictionary<string, long>();
        long maxAll = long.MinValue / 2, worst = 0;
        var late = 0;
        foreach (var record in run.Records)
        {
            var key = record.Topic + "/" + KeyOf(record);
            var max = maxByKey.GetValueOrDefault(key, long.MinValue / 2);
            Assert.True(record.TimestampMs >= max - bound, $"{key}: {record.TimestampMs} < {max} - {bound}");
            maxByKey[key] = Math.Max(max, record.TimestampMs);
            late += record.TimestampMs < maxAll ? 1 : 0;
            worst = Math.Max(worst, maxAll - record.TimestampMs);
            maxAll = Math.Max(maxAll, record.TimestampMs);
        }

        Assert.True(worst <= bound, $"worst lateness over all topics {worst} ms");
        Assert.True(late > run.Records.Count / 10, "records are really shuffled within the bound");
    }

    [Fact]
    public void ZeroOutOfOrderness_GivesRecordsInEventTimeOrder()
    {
        var records = new StorefrontSimulator(new SimulatorOptions
        {
            EventCount = 20_000, Duration = TimeSpan.FromHours(6), Users = 1_000, Products = 50, MaxOutOfOrderness = TimeSpan.Zero,
        }).Generate().ToList();

        for (var i = 1; i < records.Count; i++)
        {
            Assert.True(records[i].TimestampMs >= records[i - 1].TimestampMs, $"record {i}");
        }
    }

    [Fact]
    public void Records_SpanAboutTheConfiguredDurationFromStart()
    {
        var run = Shared;
        var start = run.Options.Start.ToUnixTimeMilliseconds();
        var first = run.Records.Min(r => r.TimestampMs);
        var last = run.Records.Max(r => r.TimestampMs);

        Assert.InRange(first, start, start + 60_000);
        Assert.InRange(last - start, run.Options.Duration.TotalMilliseconds * 0.85, run.Options.Duration.TotalMilliseconds * 1.15);
    }

    [Fact]
    public void DemandStep_RaisesUnitsSoldOfItsSkuAfterTheStep()
    {
        var options = new SimulatorOptions
        {
            Seed = 21, EventCount = 150_000, Duration = TimeSpan.FromDays(4), Users = 3_000, Products = 100,
        };
        var baseline = SimulatedRun.Create(options).Truth;
        options.DemandStep = new DemandStep { SkuIndex = 5, At = options.Start.AddDays(2), Factor = 4 };
        var stepped = SimulatedRun.Create(options).Truth;
        var day = DateOnly.FromDateTime(options.Start.UtcDateTime);
        double Ratio(GroundTruth t) => (double)Units(t, day.AddDays(2)) / Math.Max(1, (Units(t, day) + Units(t, day.AddDays(1))) / 2.0);

        Assert.InRange(Ratio(baseline), 0.5, 1.6);
        Assert.True(Ratio(stepped) > 2.5, $"units after/before the step: {Ratio(stepped):F2}");
    }

    private static long Units(GroundTruth truth, DateOnly day) => truth.UnitsSoldBySkuDay.GetValueOrDefault(("SKU-00005", day));
}
