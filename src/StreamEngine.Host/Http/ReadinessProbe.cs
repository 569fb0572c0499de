namespace StreamEngine.Host.Http;

/// <summary>Runs all readiness checks; ready only when every check passes within its time-out. Thread-safe.</summary>
public sealed class ReadinessProbe
{
    private readonly IReadOnlyList<IReadinessCheck> _checks;

    /// <summary>A probe over <paramref name="checks"/>; each check gets <paramref name="checkTimeout"/> (default 2 s).</summary>
    public ReadinessProbe(IEnumerable<IReadinessCheck> checks, TimeSpan? checkTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        _checks = [.. checks];
        CheckTimeout = checkTimeout ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>How long one check may take before it counts as failing.</summary>
    public TimeSpan CheckTimeout { get; }

    /// <summary>The names of all checks, in order.</summary>
    public IReadOnlyList<string> CheckNames => [.. _checks.Select(c => c.Name)];

    /// <summary>The names of the failing checks (empty when ready); checks run concurrently.</summary>
    public async Task<IReadOnlyList<string>> FailingChecksAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_checks.Select(c => RunAsync(c, cancellationToken)));
        return [.. results.Where(r => r is not null).Select(r => r!)];
    }

    private async Task<string?> RunAsync(IReadinessCheck check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            return await check.IsReadyAsync(timeout.Token).AsTask().WaitAsync(timeout.Token) ? null : check.Name;
        }
#pragma warning disable CA1031 // any failure of a check (network, time-out, bug) means "not ready", never a 500
        catch (Exception)
#pragma warning restore CA1031
        {
            cancellationToken.ThrowIfCancellationRequested();
            return check.Name;
        }
    }
}
