using System.Net;

namespace StreamEngine.Core.Tests.ClickHouse;

/// <summary>Answers HTTP requests from a queue of scripted outcomes and records what was sent.</summary>
internal sealed class FakeClickHouseHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _outcomes = new();

    public List<(Uri Url, byte[] Body, Dictionary<string, string> Headers)> Requests { get; } = [];

    public FakeClickHouseHandler Then(Func<HttpResponseMessage> outcome)
    {
        _outcomes.Enqueue(outcome);
        return this;
    }

    public FakeClickHouseHandler ThenOk() => Then(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("") });

    public FakeClickHouseHandler ThenConnectionRefused() => Then(() => throw new HttpRequestException("Connection refused"));

    public FakeClickHouseHandler ThenError(int code, string message, HttpStatusCode status = HttpStatusCode.InternalServerError) =>
        Then(() => new HttpResponseMessage(status) { Content = new StringContent($"Code: {code}, e.displayText() = DB::Exception: {message}, e.what() = DB::Exception\n") });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value));
        Requests.Add((request.RequestUri!, body, headers));
        if (_outcomes.Count == 0)
        {
            throw new InvalidOperationException("The fake ClickHouse got an unexpected request.");
        }

        return _outcomes.Dequeue()();
    }
}
