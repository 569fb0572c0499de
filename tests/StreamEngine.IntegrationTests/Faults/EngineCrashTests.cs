using StreamEngine.IntegrationTests.ClickHouse;
using Xunit.Abstractions;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// The engine as an OS process, killed with SIGKILL at four random points of one input and started again each time,
/// the last instance running to the end: everything it wrote to ClickHouse and Kafka must equal what one uninterrupted
/// process writes for the same input (<see cref="FaultScenario"/>), but for what varies between any two
/// uninterrupted runs (<see cref="RunToRunVariance"/>).
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class EngineCrashTests(ClickHouseFixture fixture, ITestOutputHelper output) : ClickHouseTestBase(fixture)
{
    private const int Kills = 4;

    [Fact]
    public async Task KilledFourTimesAtRandomPoints_EndsWithTheResultsOfAnUninterruptedRun()
    {
        var expected = await FaultScenario.UninterruptedResultsAsync(Fixture, Client);
        var random = new Random(31);
        await using var run = ProcessRun.Start("crash", Fixture, Database, FaultScenario.Input);
        for (var kill = 1; kill <= Kills; kill++)
        {
            // One kill in each fifth of the input, at a random point in it and then of the commit and checkpoint cycle,
            // but only once this instance has committed: each one restores, replays and makes progress before it dies.
            var target = (long)(FaultScenario.Input.Count * (kill - 0.5 + random.NextDouble()) / (Kills + 1));
            var delay = TimeSpan.FromMilliseconds(random.Next(1000));
            var before = run.CommittedRecords();
            var engine = run.StartEngine();
            await run.WaitUntilCommittedAsync(Math.Max(target, before + 1));
            await Task.Delay(delay);
            await run.KillAsync(engine);
            output.WriteLine($"killed {engine.Name} {delay.TotalMilliseconds} ms after the group committed {Math.Max(target, before + 1)} records");
        }

        run.StartEngine();
        ResultComparison.AssertSame(expected, await run.FinishAsync(Client), output);
    }
}
