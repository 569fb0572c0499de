using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace StreamEngine.ClickHouse;

/// <summary>
/// Minimal ClickHouse HTTP client: DDL, TabSeparated queries and RowBinary inserts. Every failure is a
/// <see cref="ClickHouseException"/>. Settings travel as URL parameters (sessionless HTTP has no SET), credentials as
/// X-ClickHouse-User/X-ClickHouse-Key headers so they never appear in URLs or logs. Thread-safe.
/// </summary>
public sealed class ClickHouseClient : IDisposable
{
    private static readonly MediaTypeHeaderValue s_textPlain = new("text/plain") { CharSet = "utf-8" };
    private static readonly MediaTypeHeaderValue s_octetStream = new("application/octet-stream");
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _baseUrl;

    /// <summary>
    /// Creates a client; without <paramref name="httpClient"/> it owns one with a pooled handler. A given HttpClient
    /// should have a Timeout above <see cref="ClickHouseOptions.RequestTimeout"/> (ideally infinite).
    /// </summary>
    public ClickHouseClient(ClickHouseOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _baseUrl = options.Url.GetLeftPart(UriPartial.Path);
        if (httpClient is null)
        {
            var handler = new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2), // the server closes idle keep-alive after 3 s
                ConnectTimeout = TimeSpan.FromSeconds(5),
            };
            // RequestTimeout is applied per request instead, so that a timeout is reported as a transient ClickHouseException.
            httpClient = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            _ownsHttp = true;
        }

        _http = httpClient;
    }

    public ClickHouseOptions Options { get; }

    /// <summary>Runs a statement without a result (DDL, ALTER, OPTIMIZE). The SQL is the POST body.</summary>
    public async Task ExecuteAsync(string sql, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        using var response = await SendAsync(BuildUrl(null, settings), TextContent(sql), sql, cancellationToken);
    }

    /// <summary>Runs a query and returns the response body as text (the query chooses its FORMAT; default TabSeparated).</summary>
    public async Task<string> QueryTextAsync(string sql, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        using var response = await SendAsync(BuildUrl(null, settings), TextContent(sql), sql, cancellationToken);
        return await ReadBodyAsync(response, sql, cancellationToken);
    }

    /// <summary>Runs a query with FORMAT TabSeparated appended and returns its rows, unescaped (NULL stays "\N").</summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string sql, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var text = await QueryTextAsync(sql.TrimEnd().TrimEnd(';') + "\nFORMAT TabSeparated", settings, cancellationToken);
        return TabSeparated.Parse(text);
    }

    /// <summary>Runs a query returning one value and parses it with the invariant culture.</summary>
    public async Task<T> ScalarAsync<T>(string sql, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
        where T : ISpanParsable<T>
    {
        var rows = await QueryAsync(sql, settings, cancellationToken);
        if (rows.Count == 0 || rows[0].Length == 0)
        {
            throw new ClickHouseException(0, "the query returned no rows", sql, isTransient: false);
        }

        return T.Parse(rows[0][0], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Inserts RowBinary-encoded rows: `INSERT INTO {Database}.{table} (columns) FORMAT RowBinary` goes in the URL,
    /// the payload is the POST body. The payload must stay unchanged until the task completes.
    /// </summary>
    public Task InsertAsync(string table, IReadOnlyList<string> columns, ReadOnlyMemory<byte> rowBinaryPayload, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default) =>
        InsertAsync(BuildInsertQuery(Options.Database, table, columns), rowBinaryPayload, settings, cancellationToken);

    /// <summary>True when GET /ping answers "Ok." within the request timeout; never throws for an unreachable server.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.RequestTimeout);
            using var response = await _http.GetAsync(new Uri(_baseUrl.TrimEnd('/') + "/ping"), timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return response.IsSuccessStatusCode && body.StartsWith("Ok.", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    internal static string BuildInsertQuery(string database, string table, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ClickHouseIdentifier.Validate(database, "database");
        ClickHouseIdentifier.Validate(table, "table");
        if (columns.Count == 0)
        {
            throw new ArgumentException("An insert needs at least one column.", nameof(columns));
        }

        var sql = new StringBuilder("INSERT INTO ").Append(database).Append('.').Append(table).Append(" (");
        for (var i = 0; i < columns.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(ClickHouseIdentifier.Validate(columns[i], $"column {i} of table {table}"));
        }

        return sql.Append(") FORMAT RowBinary").ToString();
    }

    /// <summary>Insert with a prebuilt query (the sink builds it once per table).</summary>
    internal async Task InsertAsync(string insertQuery, ReadOnlyMemory<byte> rowBinaryPayload, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        HttpContent content = Options.CompressRequests ? Gzip(rowBinaryPayload.Span) : new ReadOnlyMemoryContent(rowBinaryPayload);
        content.Headers.ContentType = s_octetStream;
        using var response = await SendAsync(BuildUrl(insertQuery, settings), content, insertQuery, cancellationToken);
    }

    private string BuildUrl(string? query, IReadOnlyDictionary<string, string>? settings)
    {
        var url = new StringBuilder(_baseUrl);
        var separator = '?';
        if (query is not null)
        {
            url.Append("?query=").Append(Uri.EscapeDataString(query));
            separator = '&';
        }

        if (settings is not null)
        {
            foreach (var (name, value) in settings)
            {
                url.Append(separator).Append(ClickHouseIdentifier.Validate(name, "setting name")).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        return url.ToString();
    }

    private HttpContent TextContent(string sql)
    {
        HttpContent content = Options.CompressRequests ? Gzip(Encoding.UTF8.GetBytes(sql)) : new StringContent(sql, Encoding.UTF8);
        content.Headers.ContentType = s_textPlain;
        return content;
    }

    private static ByteArrayContent Gzip(ReadOnlySpan<byte> data)
    {
        using var compressed = new MemoryStream(data.Length / 4 + 64);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        var content = new ByteArrayContent(compressed.GetBuffer(), 0, (int)compressed.Length);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private async Task<HttpResponseMessage> SendAsync(string url, HttpContent content, string queryText, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("X-ClickHouse-User", Options.User);
        if (!string.IsNullOrEmpty(Options.Password))
        {
            request.Headers.Add("X-ClickHouse-Key", Options.Password);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new ClickHouseException(0, $"{ex.Message} ({_baseUrl})", queryText, isTransient: true, innerException: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClickHouseException(0, $"no answer within {Options.RequestTimeout} ({_baseUrl})", queryText, isTransient: true, innerException: ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await ReadBodyAsync(response, queryText, cancellationToken);
            var parsed = ClickHouseErrorParser.TryParse(body, out var code, out var message);
            if (!parsed && response.Headers.TryGetValues("X-ClickHouse-Exception-Code", out var values))
            {
                _ = int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out code);
            }

            var status = (int)response.StatusCode;
            var transient = code > 0 ? ClickHouseErrorParser.IsTransientCode(code) : status is 502 or 503 or 504;
            throw new ClickHouseException(code, message.Length == 0 ? $"HTTP {status}" : message, queryText, transient, status);
        }
    }

    private async Task<string> ReadBodyAsync(HttpResponseMessage response, string queryText, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        try
        {
            return await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new ClickHouseException(0, $"response broke off: {ex.Message}", queryText, isTransient: true, innerException: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClickHouseException(0, $"response not read within {Options.RequestTimeout}", queryText, isTransient: true, innerException: ex);
        }
    }
}
