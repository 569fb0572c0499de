namespace StreamEngine.IntegrationTests.Checkpoints;

/// <summary>A wall clock that shows whatever the test sets (instances whose clocks disagree).</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
