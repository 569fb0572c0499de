namespace StreamEngine.Core.Simulation;

/// <summary>
/// One deterministic run of the storefront simulation: a discrete-event simulation over a schedule ordered by event
/// time, followed by a bounded reordering stage. Each record gets an emit priority ts + U[0, MaxOutOfOrderness] and
/// records leave in priority order once no earlier priority can still be scheduled, so every record's ts is at most
/// MaxOutOfOrderness below any ts emitted before it. State changes (stock levels) apply in event-time order.
/// </summary>
internal sealed partial class SimulationRun : IDisposable
{
    private const long HourMs = 3_600_000;
    private const long DayMs = 24 * HourMs;

    private readonly SimulatorOptions _options;
    private readonly Random _rng;
    private readonly CountryInfo[] _countries;
    private readonly Catalog _catalog;
    private readonly Population _users;
    private readonly RecordWriter _writer;
    private readonly EventPool _pool = new();
    private readonly PriorityQueue<int, long> _schedule = new();
    private readonly PriorityQueue<int, long> _reorder = new();
    private readonly long _startMs;
    private readonly long _endMs;
    private readonly long _maxDisorderMs;
    private readonly double _targetRecordsPerMs;
    private long _nowMs;
    private double _nextSessionMs;
    private long _sessionsStarted;
    private long _sessionRecords;

    public SimulationRun(SimulatorOptions options)
    {
        options.Validate();
        _options = options;
        _rng = new Random(options.Seed);
        _countries = CountryTable.Select(options.Countries)!;
        _catalog = new Catalog(_rng, options.Products, _countries);
        _users = new Population(_rng, options.Users, _countries);
        _writer = new RecordWriter(options.Seed, _catalog, _countries, options.Warehouses);
        _startMs = options.Start.ToUnixTimeMilliseconds();
        // A continuous run has no end: labels (chargebacks) are always scheduled.
        _endMs = options.Continuous ? long.MaxValue : _startMs + (long)options.Duration.TotalMilliseconds;
        _maxDisorderMs = (long)options.MaxOutOfOrderness.TotalMilliseconds;
        var days = Math.Ceiling(options.Duration.TotalDays);
        var stockRecords = days * options.Products * options.Warehouses * 1.02;
        var sessionDriven = Math.Max(options.EventCount - stockRecords, options.EventCount * 0.1);
        _targetRecordsPerMs = sessionDriven / options.Duration.TotalMilliseconds;
        _sessionSeq = _orderSeq = _txnSeq = _poSeq = _shipmentSeq = options.IdOffset;
        Truth = new GroundTruth(countsOnly: options.Continuous);
        InitInventory();
        InitFraud();
    }

    /// <summary>Counts of what has been emitted so far.</summary>
    public GroundTruth Truth { get; }

    public void Dispose() => _writer.Dispose();

    public IEnumerable<SimulatedRecord> Run(IProgress<long>? progress, int progressEvery)
    {
        _nowMs = _startMs;
        _nextSessionMs = _startMs;
        Schedule(new PendingEvent { Kind = SimKind.DayTick, TimeMs = _startMs });
        Schedule(new PendingEvent { Kind = SimKind.SessionStart, TimeMs = _startMs });
        long emitted = 0;
        var count = _options.Continuous ? long.MaxValue : _options.EventCount;
        while (emitted < count)
        {
            var next = _schedule.Dequeue();
            _nowMs = _pool[next].TimeMs;
            while (emitted < count && _reorder.TryPeek(out _, out var priority) && priority <= _nowMs)
            {
                yield return Emit(_reorder.Dequeue(), _options.IdOffset + emitted);
                emitted++;
                if (progress is not null && (emitted % progressEvery == 0 || emitted == count))
                {
                    progress.Report(emitted);
                }
            }

            if (emitted < count)
            {
                Process(next);
            }
        }
    }

    private SimulatedRecord Emit(int slot, long sequence)
    {
        ref readonly var e = ref _pool[slot];
        var topics = _options.Topics;
        var type = RecordWriter.TypeName(e.Kind);
        string topic;
        switch (e.Kind)
        {
            case SimKind.Payment or SimKind.Refund or SimKind.Chargeback:
                topic = topics.Transactions;
                if (e.Kind == SimKind.Payment)
                {
                    Truth.CountPayment(e.Declined, e.Fraud, e.Fraud != FraudPattern.None ? RecordWriter.TxnId(e.Txn) : null);
                }

                break;
            case >= SimKind.StockSnapshot:
                topic = topics.Inventory;
                if (e.Kind == SimKind.ShipmentDelivered)
                {
                    Truth.CountDelivery(e.TimeMs > e.PromisedAtMs);
                }

                break;
            default:
                topic = topics.Clickstream;
                CountClick(e);
                break;
        }

        Truth.CountRecord(topic, type);
        var record = new SimulatedRecord(topic, _writer.Key(e), _writer.Write(e, sequence), e.TimeMs);
        _pool.Free(slot);
        return record;
    }

    private void CountClick(in PendingEvent e)
    {
        Truth.CountSession(e.Session);
        if (e.Kind is SimKind.ProductView or SimKind.AddToCart or SimKind.Purchase)
        {
            Truth.CountSkuCountry(_catalog.Skus[e.Sku], _countries[e.Country].Code, e.Kind, e.Quantity);
        }

        if (e.Kind == SimKind.Purchase)
        {
            Truth.CountPurchase(_catalog.Skus[e.Sku], _countries[e.Country].Code, _countries[e.Currency].Currency, e.Order, e.Quantity, e.PriceCents, e.TimeMs);
        }
    }

    /// <summary>Runs a control step, or applies a record's state change and hands it to the reordering stage.</summary>
    private void Process(int slot)
    {
        // A copy: processing schedules more steps, which may grow the pool and move its array.
        var e = _pool[slot];
        switch (e.Kind)
        {
            case SimKind.SessionStart:
                _pool.Free(slot);
                StartSession(e.TimeMs);
                ScheduleNextSession();
                return;
            case SimKind.DayTick:
                _pool.Free(slot);
                StartDay(e.TimeMs);
                return;
            case >= SimKind.StockSnapshot:
                ApplyStock(ref e);
                break;
            default:
                break;
        }

        e.Iso = _rng.NextDouble() < _options.IsoTimestampShare;
        var priority = e.TimeMs + (_maxDisorderMs > 0 ? _rng.NextInt64(_maxDisorderMs + 1) : 0);
        _pool[slot] = e;
        _reorder.Enqueue(slot, priority);
    }

    private void Schedule(PendingEvent e)
    {
        // Never schedule into the past: the reordering stage relies on the schedule being drained in time order.
        e.TimeMs = Math.Max(e.TimeMs, _nowMs);
        if (e.Kind is not (SimKind.SessionStart or SimKind.DayTick or SimKind.StockSnapshot))
        {
            _sessionRecords++;
        }

        _schedule.Enqueue(_pool.Add(e), e.TimeMs);
    }

    /// <summary>Poisson session arrivals with a daily rhythm, paced so that EventCount records span about Duration.</summary>
    private void ScheduleNextSession()
    {
        _sessionsStarted++;
        var perSession = _sessionsStarted >= 50 ? (double)_sessionRecords / _sessionsStarted : 10.0;
        var meanGapMs = perSession / _targetRecordsPerMs;
        var phase = 2 * Math.PI * ((_nextSessionMs - _startMs) % DayMs) / DayMs;
        // 1 + 0.35 sin averages 1/sqrt(1 - 0.35^2) in reciprocal; dividing by it keeps the mean rate.
        var rhythm = (1 + (0.35 * Math.Sin(phase - (Math.PI / 2)))) * 1.0675;
        _nextSessionMs += -Math.Log(1 - _rng.NextDouble()) * meanGapMs / rhythm;
        Schedule(new PendingEvent { Kind = SimKind.SessionStart, TimeMs = (long)_nextSessionMs });
    }

    private long Gap(double meanMs) => 500 + (long)(-Math.Log(1 - _rng.NextDouble()) * meanMs);
}
