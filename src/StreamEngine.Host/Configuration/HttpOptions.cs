using StreamEngine.Core;

namespace StreamEngine.Host.Configuration;

/// <summary>The operations endpoint: /metrics, /health/live, /health/ready and the status page (section "StreamEngine:Http").</summary>
internal sealed class HttpOptions
{
    public const string Section = "StreamEngine:Http";

    /// <summary>Where to listen; empty disables the endpoint.</summary>
    public string Url { get; set; } = "http://127.0.0.1:9464";

    public void Validate()
    {
        if (Url.Length > 0 && !Uri.TryCreate(Url, UriKind.Absolute, out _))
        {
            throw new OptionsException($"{Section}:{nameof(Url)}", $"'{Url}' is not an absolute URL");
        }
    }
}
