namespace StreamEngine.Core.Tests.Support;

/// <summary>A TimeProvider whose clock moves only when told (Microsoft.Extensions.TimeProvider.Testing is not available).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks = 1_000_000;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
