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
            // Each instance restores, replays and commits progress, then dies at a random point of its commit and
            // checkpoint cycle. Not at a share of the input: while the topics are consumed unevenly the task watermark
            // (the minimum over its topics) holds windows open and the commits far behind what was consumed, so a
            // commit target can be reached only when the instance has already drained.
            var before = run.CommittedRecords();
            var engine = run.StartEngine();
            await run.WaitUntilCommittedAsync(before + 1);
            var delay = TimeSpan.FromMilliseconds(random.Next(200, 1500));
            await Task.Delay(delay);
            await run.KillAsync(engine);
            output.WriteLine($"killed {engine.Name} {delay.TotalMilliseconds} ms after its first commit (group committed {run.CommittedRecords()} records, {before} before it)");
        }

        run.StartEngine();
        ResultComparison.AssertSame(expected, await run.FinishAsync(Client), output);
    }
}
