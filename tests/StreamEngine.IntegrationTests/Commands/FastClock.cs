namespace StreamEngine.IntegrationTests.Commands;

/// <summary>
/// The system clock running <paramref name="factor"/> times faster from now on: wall-clock code under test sees minutes
/// pass in seconds (its timers fire correspondingly sooner). Times it reports lie in the future of the real clock.
/// </summary>
internal sealed class FastClock(double factor) : TimeProvider
{
    private readonly DateTimeOffset _origin = System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => _origin + ((System.GetUtcNow() - _origin) * factor);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / factor;
}
