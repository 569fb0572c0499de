using System.Globalization;

namespace StreamEngine.ClickHouse;

/// <summary>
/// Owns the table writers and writes their buffered rows to ClickHouse. Runs on the consume thread: the loop adds rows,
/// checks <see cref="ShouldFlush"/> (also on empty polls) and awaits <see cref="FlushAsync"/>, which is where
/// back-pressure happens. A failed attempt keeps every buffered row; transient failures (server down, timeouts, 5xx)
/// are retried with capped exponential backoff until the server answers, or until <see cref="ClickHouseOptions.OutageTimeout"/>
/// or <see cref="ClickHouseOptions.MaxRetries"/> (both unlimited by default) run out; then the flush throws and the host
/// stops. Non-transient errors (bad SQL, schema mismatch) throw at once. Retried inserts may duplicate a batch whose
/// answer was lost: tables are ReplacingMergeTree keyed by row identity, so that is harmless.
/// Not thread-safe.
/// </summary>
public sealed class ClickHouseSink : IDisposable
{
    private readonly ClickHouseClient _client;
    private readonly ClickHouseOptions _options;
    private readonly IClickHouseSinkObserver? _observer;
    private readonly TimeProvider _time;
    private readonly ClickHouseRetryPolicy _retries;
    private readonly List<IClickHouseTableBuffer> _tables = [];
    private readonly long _flushIntervalTicks;
    private long _bufferedRows;
    private long _bufferedBytes;
    private bool _batchFull;
    private long _firstRowTimestamp;
    private bool _flushing;
    private bool _disposed;

    public ClickHouseSink(ClickHouseClient client, IClickHouseSinkObserver? observer = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = client.Options;
        _observer = observer;
        _time = timeProvider ?? TimeProvider.System;
        _retries = new ClickHouseRetryPolicy(_options, _time);
        _flushIntervalTicks = (long)(_options.FlushInterval.TotalSeconds * _time.TimestampFrequency);
    }

    public IReadOnlyList<ClickHouseTableDefinition> Tables
    {
        get
        {
            var definitions = new ClickHouseTableDefinition[_tables.Count];
            for (var i = 0; i < definitions.Length; i++)
            {
                definitions[i] = _tables[i].Definition;
            }

            return definitions;
        }
    }

    /// <summary>Rows buffered across all tables.</summary>
    public long BufferedRows => _bufferedRows;

    /// <summary>Encoded bytes buffered across all tables.</summary>
    public long BufferedBytes => _bufferedBytes;

    /// <summary>
    /// True when a table holds <see cref="ClickHouseOptions.BatchRows"/> rows, the buffers hold
    /// <see cref="ClickHouseOptions.MaxBufferedBytes"/>, or the oldest buffered row waited <see cref="ClickHouseOptions.FlushInterval"/>.
    /// </summary>
    public bool ShouldFlush =>
        _bufferedRows > 0
        && (_batchFull || _bufferedBytes >= _options.MaxBufferedBytes || _time.GetTimestamp() - _firstRowTimestamp >= _flushIntervalTicks);

    /// <summary>Adds a table; its rows are inserted into {Database}.{definition.Name} with the given column order.</summary>
    public ClickHouseTableWriter<TRow> AddTable<TRow>(ClickHouseTableDefinition definition, IRowEncoder<TRow> encoder)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(encoder);
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var table in _tables)
        {
            if (table.Definition.Name == definition.Name)
            {
                throw new ArgumentException($"Table {definition.Name} was already added to the sink.", nameof(definition));
            }
        }

        var writer = new ClickHouseTableWriter<TRow>(this, definition, encoder, _options.Database);
        _tables.Add(writer);
        return writer;
    }

    /// <summary>
    /// Inserts every non-empty table's rows, one table after the other. A table is emptied only after its insert
    /// succeeded, so on an exception the rows not yet written are still buffered. Throws <see cref="ClickHouseException"/>
    /// when a table fails permanently or after the retries; <see cref="OperationCanceledException"/> on cancellation.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfFlushing();
        _flushing = true;
        try
        {
            foreach (var table in _tables)
            {
                if (table.RowCount == 0)
                {
                    continue;
                }

                await WriteWithRetriesAsync(table, cancellationToken);
                _bufferedRows -= table.RowCount;
                _bufferedBytes -= table.Payload.Length;
                table.Reset();
            }

            _batchFull = false;
        }
        finally
        {
            _flushing = false;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var table in _tables)
        {
            table.Dispose();
        }
    }

    internal void ThrowIfFlushing()
    {
        if (_flushing)
        {
            throw new InvalidOperationException("The ClickHouse sink is flushing; rows must be added on the consume thread after FlushAsync completed.");
        }
    }

    internal void OnRowAdded(int tableRows, int bytes)
    {
        if (_bufferedRows == 0)
        {
            _firstRowTimestamp = _time.GetTimestamp();
        }

        _bufferedRows++;
        _bufferedBytes += bytes;
        if (tableRows >= _options.BatchRows)
        {
            _batchFull = true;
        }
    }

    private async Task WriteWithRetriesAsync(IClickHouseTableBuffer table, CancellationToken cancellationToken)
    {
        var name = table.Definition.Name;
        var rows = table.RowCount;
        var payload = table.Payload;
        long? firstFailure = null;
        for (var retry = 0; ; retry++)
        {
            var start = _time.GetTimestamp();
            try
            {
                await _client.InsertAsync(table.InsertQuery, payload, null, cancellationToken);
                _observer?.OnBatchWritten(name, rows, payload.Length, _time.GetElapsedTime(start));
                return;
            }
            catch (ClickHouseException ex) when (_retries.ShouldRetry(ex, retry, start, ref firstFailure))
            {
                var delay = _retries.Backoff(retry + 1);
                _observer?.OnRetry(name, retry + 1, delay, ex);
                await Task.Delay(delay, _time, cancellationToken);
            }
            catch (ClickHouseException ex)
            {
                _observer?.OnFailed(name, rows, ex);
                if (!ex.IsTransient)
                {
                    throw; // its message names the code, the server's reason and the query: fatal, nothing to retry
                }

                var outage = _retries.OutageSoFar(firstFailure);
                throw new ClickHouseException(
                    ex.Code,
                    string.Create(CultureInfo.InvariantCulture, $"insert of {rows} rows into {name} still failing after {retry} retries over {outage.TotalSeconds:0.0} s (StreamEngine:ClickHouse:OutageTimeout / MaxRetries): {ex.ServerMessage}"),
                    ex.Query,
                    isTransient: true,
                    ex.HttpStatus,
                    ex);
            }
        }
    }
}
