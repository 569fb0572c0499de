namespace StreamEngine.Host.Commands;

/// <summary>
/// Releases records no earlier than their event time on <see cref="TimeProvider"/>'s clock, so a simulation whose event
/// time starts now is produced as it happens: current timestamps, at the simulated traffic's own (daily varying) rate.
/// A record behind the latest released one (bounded out-of-orderness) goes at once. Blocks the enumerating thread.
/// </summary>
internal sealed class EventTimePacer(TimeProvider time)
{
    public IEnumerable<T> Pace<T>(IEnumerable<T> records, Func<T, long> timeMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(timeMs);
        foreach (var record in records)
        {
            var wait = timeMs(record) - time.GetUtcNow().ToUnixTimeMilliseconds();
            if (wait > 0)
            {
                Task.Delay(TimeSpan.FromMilliseconds(wait), time, cancellationToken).GetAwaiter().GetResult();
            }

            yield return record;
        }
    }
}
