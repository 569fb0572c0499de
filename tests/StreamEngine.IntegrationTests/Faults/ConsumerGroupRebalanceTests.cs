using StreamEngine.IntegrationTests.ClickHouse;
using Xunit.Abstractions;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// Three engine processes share one consumer group; mid-run one is killed with SIGKILL (its partitions move to the
/// others once its session expires) and later a fourth joins (every partition is handed over once more). Together
/// they must write exactly what one uninterrupted instance writes for the same input (<see cref="FaultScenario"/>),
/// but for what varies between any two uninterrupted runs (<see cref="RunToRunVariance"/>).
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class ConsumerGroupRebalanceTests(ClickHouseFixture fixture, ITestOutputHelper output) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task OneOfThreeInstancesKilledAndAFourthAdded_ResultsEqualOneUninterruptedInstance()
    {
        var expected = await FaultScenario.UninterruptedResultsAsync(Fixture, Client);
        var random = new Random(37);
        var input = FaultScenario.Input.Count;
        await using var run = ProcessRun.Start("group", Fixture, Database, FaultScenario.Input);
        List<EngineProcess> engines = [run.StartEngine(), run.StartEngine(), run.StartEngine()];
        foreach (var engine in engines)
        {
            await run.WaitUntilAssignedAsync(engine);
        }

        // Once the group commits, a random instance dies at a random point of its cycle; once the survivors have taken
        // its partitions over and committed, a fourth joins. Timed by commits and short delays rather than shares of the
        // input: commits trail consumption far while the topics are consumed unevenly (see EngineCrashTests).
        await run.WaitUntilCommittedAsync(1);
        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 1500)));
        var victim = engines[random.Next(engines.Count)];
        var killedAt = run.CommittedRecords();
        await run.KillAsync(victim);
        output.WriteLine($"killed {victim.Name} after the group committed {killedAt} of {input} records");

        await run.WaitUntilCommittedAsync(killedAt + 1);
        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 1500)));
        var added = run.StartEngine();
        await run.WaitUntilAssignedAsync(added);
        output.WriteLine($"added {added.Name} after the group committed {run.CommittedRecords()} records");

        ResultComparison.AssertSame(expected, await run.FinishAsync(Client), output);
    }
}
