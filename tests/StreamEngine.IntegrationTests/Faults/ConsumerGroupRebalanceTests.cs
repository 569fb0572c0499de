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

        // Early enough for the survivors and the newcomer to have most of the input still to do.
        var killAt = (long)(input * (0.15 + (0.15 * random.NextDouble())));
        await run.WaitUntilCommittedAsync(killAt);
        var victim = engines[random.Next(engines.Count)];
        await run.KillAsync(victim);
        output.WriteLine($"killed {victim.Name} after the group committed {killAt} records");

        var addAt = (long)(input * (0.35 + (0.15 * random.NextDouble())));
        await run.WaitUntilCommittedAsync(addAt);
        var added = run.StartEngine();
        await run.WaitUntilAssignedAsync(added);
        output.WriteLine($"added {added.Name} after the group committed {addAt} records");

        ResultComparison.AssertSame(expected, await run.FinishAsync(Client), output);
    }
}
