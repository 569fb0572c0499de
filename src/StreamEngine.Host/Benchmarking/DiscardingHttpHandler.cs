using System.Net;

namespace StreamEngine.Host.Benchmarking;

/// <summary>
/// Stands in for the ClickHouse server in the in-memory benchmark: accepts every request after serialising its body, so
/// row encoding and request building are measured and the network and server are not.
/// </summary>
internal sealed class DiscardingHttpHandler : HttpMessageHandler
{
    public long BytesReceived { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            // Serialise the body as a socket write would, without ReadAsByteArray's growing buffer copies.
            using var counter = new CountingStream();
            await request.Content.CopyToAsync(counter, cancellationToken);
            BytesReceived += counter.Length;
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("") };
    }
}
