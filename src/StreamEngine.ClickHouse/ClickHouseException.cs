namespace StreamEngine.ClickHouse;

/// <summary>
/// A failed ClickHouse request: either the server answered with an error (<see cref="Code"/> &gt; 0) or the request
/// never got an answer (connection refused, reset, timeout: <see cref="Code"/> = 0). <see cref="IsTransient"/> says
/// whether repeating the same request may succeed.
/// </summary>
public sealed class ClickHouseException : Exception
{
    public ClickHouseException()
    {
    }

    public ClickHouseException(string message)
        : base(message)
    {
    }

    public ClickHouseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClickHouseException(int code, string serverMessage, string? query, bool isTransient, int httpStatus = 0, Exception? innerException = null)
        : base(Describe(code, serverMessage, query), innerException)
    {
        Code = code;
        ServerMessage = serverMessage;
        Query = query;
        IsTransient = isTransient;
        HttpStatus = httpStatus;
    }

    /// <summary>ClickHouse error code (e.g. 60 = UNKNOWN_TABLE, 62 = SYNTAX_ERROR); 0 when the server did not answer.</summary>
    public int Code { get; }

    /// <summary>The server's message without the "Code: N, e.displayText() = " prefix, or the transport error.</summary>
    public string ServerMessage { get; } = "";

    /// <summary>The query text that failed (never the inserted data).</summary>
    public string? Query { get; }

    public bool IsTransient { get; }

    /// <summary>HTTP status of the answer; 0 when there was none.</summary>
    public int HttpStatus { get; }

    private static string Describe(int code, string serverMessage, string? query)
    {
        var head = code > 0 ? $"ClickHouse error {code}: {serverMessage}" : $"ClickHouse request failed: {serverMessage}";
        return query is null ? head : $"{head} (query: {Truncate(query, 500)})";
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "...");
}
