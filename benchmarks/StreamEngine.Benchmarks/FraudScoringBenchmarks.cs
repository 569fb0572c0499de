using BenchmarkDotNet.Attributes;
using StreamEngine.Core.Events;
using StreamEngine.Core.Fraud;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Per-payment fraud scoring on one partition: feature state update + extraction, hard rules and the logistic model
/// (FraudScorer.TryScore), with the shipped model. Excluded: JSON decoding, Rx plumbing and output serialisation (the
/// end-to-end runner measures those). Payments are pre-generated; each pass shifts event time forward so windows
/// keep sliding and state stays in steady state (keys reused, expiry sweeps included).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FraudScoringBenchmarks
{
    private const int Batch = 4096;
    private const long PassSpanMs = 3_600_000;

    private PaymentEvent[] _payments = [];
    private FraudScorer _scorer = null!;
    private FraudFeatureExtractor _extractor = null!;
    private FraudModel _model = null!;
    private double[] _features = [];
    private long _shiftMs;
    private int _next;

    /// <summary>Distinct users (cards, devices and IPs scale with it): how much state the partition holds.</summary>
    [Params(1_000, 100_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        const long t0 = 1_790_000_000_000;
        _payments = new PaymentEvent[65_536];
        for (var i = 0; i < _payments.Length; i++)
        {
            var user = (ulong)rng.Next(Users);
            _payments[i] = new PaymentEvent((ulong)i, t0 + (i * PassSpanMs / _payments.Length), rng.NextDouble() < 0.05 ? PaymentEventType.Declined : PaymentEventType.Authorized,
                "t" + i, (ulong)i, user, user * 7, rng.Next(100, 50_000), "EUR", [], user * 13 + (ulong)rng.Next(2), user * 11, 0,
                "DE", rng.NextDouble() < 0.05 ? "FR" : "DE", "DE", 50 + rng.NextDouble(), 8 + rng.NextDouble());
        }

        _model = FraudModel.LoadShipped();
        _scorer = new FraudScorer(_model, new FraudOptions());
        _extractor = new FraudFeatureExtractor(new FraudOptions());
        _features = new double[FraudFeatureNames.Count];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < _payments.Length; i++)
            {
                ScoreNext();
                _extractor.Process(_payments[i] with { TimeMs = _payments[i].TimeMs + _shiftMs }, _features);
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "update features + rules + score")]
    public double ScorePayment()
    {
        var sum = 0.0;
        for (var i = 0; i < Batch; i++)
        {
            sum += ScoreNext();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "model score only")]
    public double ModelOnly()
    {
        var sum = 0.0;
        for (var i = 0; i < Batch; i++)
        {
            sum += _model.Score(_features).Score;
        }

        return sum;
    }

    private double ScoreNext()
    {
        if (_next == _payments.Length)
        {
            _next = 0;
            _shiftMs += PassSpanMs;
        }

        ref readonly var p = ref _payments[_next++];
        var time = p.TimeMs + _shiftMs;
        _scorer.AdvanceWatermark(time - 1_000);
        return _scorer.TryScore(p with { TimeMs = time }, out var score) ? score.Score : 0;
    }
}
