namespace StreamEngine.Core.Tests.ClickHouse;

/// <summary>A clock the test moves by hand; timers (Task.Delay) still use the system clock.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _timestamp = 1_000_000;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _timestamp;

    public void Advance(TimeSpan by) => _timestamp += by.Ticks;
}
