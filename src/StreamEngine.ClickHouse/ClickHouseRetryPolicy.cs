namespace StreamEngine.ClickHouse;

/// <summary>
/// The one retry rule of every ClickHouse writer (sink flushes, checkpoints): transient failures are retried with
/// exponential backoff from <see cref="ClickHouseOptions.RetryBackoff"/>, capped at
/// <see cref="ClickHouseOptions.MaxRetryBackoff"/>, until <see cref="ClickHouseOptions.MaxRetries"/> or
/// <see cref="ClickHouseOptions.OutageTimeout"/> (both unlimited by default) run out; anything else fails at once.
/// </summary>
public sealed class ClickHouseRetryPolicy(ClickHouseOptions options, TimeProvider time)
{
    /// <summary>The wait before retry <paramref name="retry"/> (1-based): RetryBackoff, doubling, capped.</summary>
    public TimeSpan Backoff(int retry)
    {
        var factor = Math.Pow(2, Math.Min(retry - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(options.RetryBackoff.Ticks * factor, options.MaxRetryBackoff.Ticks));
    }

    /// <summary>
    /// Whether to retry after <paramref name="error"/>, the failure of attempt <paramref name="retry"/> (0-based) that
    /// began at <paramref name="attemptStart"/>; <paramref name="firstFailure"/> is when the operation's first failing
    /// attempt began (set here on the first failure): the outage is measured from then.
    /// </summary>
    public bool ShouldRetry(ClickHouseException error, int retry, long attemptStart, ref long? firstFailure)
    {
        ArgumentNullException.ThrowIfNull(error);
        var outageOver = firstFailure is not null && options.OutageTimeout is { } limit && OutageSoFar(firstFailure) >= limit;
        if (!error.IsTransient || retry >= options.MaxRetries || outageOver)
        {
            return false;
        }

        firstFailure ??= attemptStart;
        return true;
    }

    /// <summary>How long an operation has been failing since <paramref name="firstFailure"/>.</summary>
    public TimeSpan OutageSoFar(long? firstFailure) => firstFailure is { } since ? time.GetElapsedTime(since) : TimeSpan.Zero;

    /// <summary>Runs a blocking call under the policy, sleeping between attempts (the caller's thread waits).</summary>
    public T Execute<T>(Func<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        long? firstFailure = null;
        for (var retry = 0; ; retry++)
        {
            var start = time.GetTimestamp();
            try
            {
                return call();
            }
            catch (ClickHouseException ex) when (ShouldRetry(ex, retry, start, ref firstFailure))
            {
                Thread.Sleep(Backoff(retry + 1));
            }
        }
    }
}
