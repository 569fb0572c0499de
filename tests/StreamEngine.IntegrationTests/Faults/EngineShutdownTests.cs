using StreamEngine.IntegrationTests.ClickHouse;
using Xunit.Abstractions;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// The engine as an OS process stopped with SIGTERM mid-run, as an orchestrator stops a container: it gives its
/// partitions back after a flush, checkpoint and commit, exits with 0, and a new instance finishing the input ends
/// with what one uninterrupted process writes (<see cref="FaultScenario"/>, <see cref="RunToRunVariance"/>).
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class EngineShutdownTests(ClickHouseFixture fixture, ITestOutputHelper output) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task SigtermMidRun_CommitsAndExitsCleanly_AndTheNextInstanceEndsWithTheUninterruptedResults()
    {
        var expected = await FaultScenario.UninterruptedResultsAsync(Fixture, Client);
        await using var run = ProcessRun.Start("sigterm", Fixture, Database, FaultScenario.Input);
        var stopped = run.StartEngine();
        await run.WaitUntilCommittedAsync(1);
        await Task.Delay(TimeSpan.FromMilliseconds(new Random(41).Next(200, 1500)));
        var before = run.CommittedRecords();

        stopped.Terminate();

        Assert.Equal(0, await stopped.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Partitions revoked after flush and commit", File.ReadAllText(stopped.LogPath), StringComparison.Ordinal);
        Assert.True(run.CommittedRecords() >= before, "the stop committed nothing or went backwards");
        output.WriteLine($"stopped {stopped.Name} with SIGTERM after the group committed {before} records, {run.CommittedRecords()} when it exited");

        run.StartEngine();
        ResultComparison.AssertSame(expected, await run.FinishAsync(Client), output);
    }
}
