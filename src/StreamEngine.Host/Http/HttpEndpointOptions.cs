namespace StreamEngine.Host.Http;

/// <summary>Options of the operations HTTP endpoint (section <c>StreamEngine:Http</c>).</summary>
public sealed class HttpEndpointOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "StreamEngine:Http";

    /// <summary>Where Kestrel listens; loopback by default, <c>http://0.0.0.0:9464</c> in containers.</summary>
    public string Url { get; set; } = "http://127.0.0.1:9464";
}
