using System.Globalization;

namespace StreamEngine.ClickHouse;

/// <summary>Connection and batching settings of the ClickHouse sink, bound from the "StreamEngine:ClickHouse" section.</summary>
public sealed class ClickHouseOptions
{
    public const string SectionName = "StreamEngine:ClickHouse";

    /// <summary>HTTP endpoint of the server.</summary>
    public Uri Url { get; set; } = new("http://127.0.0.1:18123/");

    public string Database { get; set; } = "streamengine";

    public string User { get; set; } = "default";

    /// <summary>Sent as the X-ClickHouse-Key header; never logged or printed by <see cref="ToString"/>.</summary>
    public string Password { get; set; } = "";

    /// <summary>A table with this many buffered rows makes the sink ask for a flush.</summary>
    public int BatchRows { get; set; } = 50_000;

    /// <summary>Buffered rows older than this (since the last flush) make the sink ask for a flush.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Retries of a transient failure per table and flush, after the first attempt; then the flush throws. Unlimited by
    /// default: an outage is bounded by <see cref="OutageTimeout"/> instead.
    /// </summary>
    public int MaxRetries { get; set; } = int.MaxValue;

    /// <summary>
    /// How long one flush keeps retrying transient failures (server down, timeouts) before it throws and the engine stops;
    /// null (the default) waits for the server indefinitely while the consume thread stays blocked.
    /// </summary>
    public TimeSpan? OutageTimeout { get; set; }

    /// <summary>Delay before the first retry; doubles per retry up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time limit of one HTTP request (connect, send, server work, response).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on encoded bytes buffered across all tables; reaching it makes the sink ask for a flush.</summary>
    public long MaxBufferedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Gzip request bodies (inserts and queries); worth it when the server is across a network.</summary>
    public bool CompressRequests { get; set; }

    /// <summary>Throws naming the configuration key of the first invalid setting.</summary>
    public void Validate()
    {
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid(nameof(Url), "must be an absolute http:// or https:// URL");
        }

        if (!string.IsNullOrEmpty(Url.UserInfo))
        {
            throw Invalid(nameof(Url), "must not carry credentials; use User and Password");
        }

        ClickHouseIdentifier.Validate(Database, Key(nameof(Database)));
        if (string.IsNullOrWhiteSpace(User))
        {
            throw Invalid(nameof(User), "must not be empty");
        }

        ArgumentNullException.ThrowIfNull(Password, Key(nameof(Password)));
        Positive(BatchRows, nameof(BatchRows));
        Positive(FlushInterval, nameof(FlushInterval));
        if (MaxRetries < 0)
        {
            throw Invalid(nameof(MaxRetries), "must be zero or more");
        }

        if (OutageTimeout is { } outage)
        {
            Positive(outage, nameof(OutageTimeout));
        }

        Positive(RetryBackoff, nameof(RetryBackoff));
        if (MaxRetryBackoff < RetryBackoff)
        {
            throw Invalid(nameof(MaxRetryBackoff), "must be at least RetryBackoff");
        }

        Positive(RequestTimeout, nameof(RequestTimeout));
        if (MaxBufferedBytes < 1024)
        {
            throw Invalid(nameof(MaxBufferedBytes), "must be at least 1024");
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Url={Url}, Database={Database}, User={User}, Password={(string.IsNullOrEmpty(Password) ? "(empty)" : "***")}, BatchRows={BatchRows}, FlushInterval={FlushInterval}, MaxRetries={MaxRetries}, OutageTimeout={OutageTimeout?.ToString() ?? "infinite"}, RetryBackoff={RetryBackoff}, RequestTimeout={RequestTimeout}, MaxBufferedBytes={MaxBufferedBytes}, CompressRequests={CompressRequests}");

    internal static string Key(string name) => SectionName + ":" + name;

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw Invalid(name, "must be positive");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw Invalid(name, "must be positive");
        }
    }

    private static InvalidOperationException Invalid(string name, string problem) => new($"{Key(name)} {problem}.");
}
