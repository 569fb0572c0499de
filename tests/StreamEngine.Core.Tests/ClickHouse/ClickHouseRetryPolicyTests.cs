using StreamEngine.ClickHouse;
using StreamEngine.Core.Tests.Support;

namespace StreamEngine.Core.Tests.ClickHouse;

public sealed class ClickHouseRetryPolicyTests
{
    private static readonly ClickHouseException Transient = new(0, "connection refused", null, isTransient: true);
    private static readonly ClickHouseException Fatal = new(62, "syntax error", "SELEC 1", isTransient: false);
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Backoff_DoublesPerRetry_UpToTheCap()
    {
        var policy = Policy(new ClickHouseOptions { RetryBackoff = TimeSpan.FromMilliseconds(1), MaxRetryBackoff = TimeSpan.FromMilliseconds(4) });

        Assert.Equal(
            [1, 2, 4, 4],
            new[] { 1, 2, 3, 40 }.Select(retry => policy.Backoff(retry).TotalMilliseconds));
    }

    [Fact]
    public void TransientFailures_AreRetried_UntilMaxRetries()
    {
        var policy = Policy(new ClickHouseOptions { MaxRetries = 2 });
        long? firstFailure = null;

        Assert.True(policy.ShouldRetry(Transient, 0, _time.GetTimestamp(), ref firstFailure));
        Assert.True(policy.ShouldRetry(Transient, 1, _time.GetTimestamp(), ref firstFailure));
        Assert.False(policy.ShouldRetry(Transient, 2, _time.GetTimestamp(), ref firstFailure));
        Assert.NotNull(firstFailure);
    }

    [Fact]
    public void TransientFailures_AreRetried_UntilTheOutageTimeoutSinceTheFirstFailure()
    {
        var policy = Policy(new ClickHouseOptions { OutageTimeout = TimeSpan.FromSeconds(30) });
        long? firstFailure = null;
        Assert.True(policy.ShouldRetry(Transient, 0, _time.GetTimestamp(), ref firstFailure));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(policy.ShouldRetry(Transient, 1, _time.GetTimestamp(), ref firstFailure));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(policy.ShouldRetry(Transient, 2, _time.GetTimestamp(), ref firstFailure));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.OutageSoFar(firstFailure));
    }

    [Fact]
    public void NonTransientFailure_IsNeverRetried()
    {
        long? firstFailure = null;

        Assert.False(Policy(new ClickHouseOptions()).ShouldRetry(Fatal, 0, _time.GetTimestamp(), ref firstFailure));
        Assert.Null(firstFailure);
    }

    [Fact]
    public void Execute_RetriesTransientFailures_ThenReturnsTheResult()
    {
        var policy = Policy(new ClickHouseOptions { RetryBackoff = TimeSpan.FromMilliseconds(1), MaxRetryBackoff = TimeSpan.FromMilliseconds(1) });
        var attempts = 0;

        var result = policy.Execute(() => ++attempts < 3 ? throw Transient : attempts);

        Assert.Equal(3, result);
    }

    [Fact]
    public void Execute_ThrowsANonTransientFailureAtOnce()
    {
        var attempts = 0;

        var error = Assert.Throws<ClickHouseException>(() => Policy(new ClickHouseOptions()).Execute<int>(() => { attempts++; throw Fatal; }));

        Assert.Same(Fatal, error);
        Assert.Equal(1, attempts);
    }

    private ClickHouseRetryPolicy Policy(ClickHouseOptions options) => new(options, _time);
}
