namespace StreamEngine.IntegrationTests.Commands;

/// <summary>
/// Tests that measure wall-clock waits run alone: in parallel with tests that block thread-pool threads, a timer's
/// continuation can wait for the pool to grow and arrive up to a second late.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallClockTimingGroup
{
    public const string Name = "Wall-clock timing";
}
