using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StreamEngine.Core.Events;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Benchmarks;

/// <summary>
/// The full per-payment fraud path of the engine from raw Kafka value bytes: decode (PaymentEventDecoder, with
/// pseudonymisation and interning) -> FraudScorer.TryScore (features, rules, model) -> fraud-scores message bytes
/// (FraudScoreMessageWriter + the byte[] Confluent's API needs). Excluded: the Kafka consumer/producer, Rx plumbing
/// and the ClickHouse row encoding (ClickHouseEncodingBenchmarks). Payments are pre-generated JSON; each pass over
/// them shifts event time forward so windows keep sliding. <see cref="PrintLatencyPercentiles"/> (run with
/// <c>fraud-latency</c>) times each payment of a 200k stream with Stopwatch.GetTimestamp and prints p50/p99/p99.9.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FraudPathBenchmarks
{
    private const int Batch = 4096;
    private const long StreamSpanMs = 6 * 3_600_000;

    private byte[][] _records = [];
    private long[] _referenceMs = [];
    private FraudPathRunner _runner = null!;
    private int _next;

    [Params(10_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_records, _referenceMs) = GeneratePayments(65_536, Users, seed: 1);
        _runner = new FraudPathRunner();
        for (var i = 0; i < _records.Length; i++)
        {
            RunNext();
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "raw JSON -> decode -> score -> message bytes")]
    public int FullPath()
    {
        var bytes = 0;
        for (var i = 0; i < Batch; i++)
        {
            bytes += RunNext();
        }

        return bytes;
    }

    /// <summary>Scores <paramref name="payments"/> once each, timing every one, and prints percentiles and throughput.</summary>
    public static void PrintLatencyPercentiles(int payments = 200_000, int users = 10_000)
    {
        var (records, referenceMs) = GeneratePayments(payments, users, seed: 2);
        var runner = new FraudPathRunner();
        var warm = GeneratePayments(50_000, users, seed: 3);
        for (var i = 0; i < warm.Records.Length; i++)
        {
            runner.Run(warm.Records[i], warm.ReferenceMs[i], shiftMs: -StreamSpanMs);
        }

        var warmScored = runner.Scored;
        var ticks = new long[payments];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < payments; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            runner.Run(records[i], referenceMs[i], shiftMs: 0);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }

        var total = Stopwatch.GetElapsedTime(start);
        Array.Sort(ticks);
        double Us(double q) => ticks[Math.Min(ticks.Length - 1, (int)(q * ticks.Length))] * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"fraud path (raw JSON -> decode -> score -> message bytes), {payments:N0} payments, {users:N0} users: p50 {Us(0.5):F2} us, p99 {Us(0.99):F2} us, p99.9 {Us(0.999):F2} us, max {Us(1):F1} us; {payments / total.TotalSeconds:N0} payments/s on one thread; scored {runner.Scored - warmScored:N0}; machine load average at the time decides the tail"));
    }

    private int RunNext()
    {
        var i = _next;
        _next = (_next + 1) % _records.Length;
        if (_next == 0)
        {
            _runner.ShiftMs += StreamSpanMs;
        }

        return _runner.Run(_records[i], _referenceMs[i], _runner.ShiftMs);
    }

    /// <summary>Payments in the transactions contract, time-ordered over six hours, with some declines and foreign IPs.</summary>
    internal static (byte[][] Records, long[] ReferenceMs) GeneratePayments(int count, int users, int seed)
    {
        var rng = new Random(seed);
        const long t0 = 1_790_000_000_000;
        string[] countries = ["US", "DE", "FR", "GB", "JP", "BR"];
        var records = new byte[count][];
        var reference = new long[count];
        var buffer = new ArrayBufferWriter<byte>(512);
        using var json = new Utf8JsonWriter(buffer);
        for (var i = 0; i < count; i++)
        {
            var user = rng.Next(users);
            var home = countries[user % countries.Length];
            var ts = t0 + ((long)i * StreamSpanMs / count);
            var amount = Math.Round(5 + (rng.NextDouble() * 300), 2);
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            json.WriteStartObject();
            json.WriteString("event_id", $"e{seed}-{i}");
            json.WriteString("type", "payment");
            json.WriteNumber("ts", ts);
            json.WriteString("status", rng.NextDouble() < 0.05 ? "declined" : "authorized");
            json.WriteString("txn_id", $"t{seed}-{i}");
            json.WriteString("order_id", $"o{i}");
            json.WriteString("user_id", $"u{user}");
            json.WriteString("card_token", $"tok_{user}_{rng.Next(2)}");
            json.WriteNumber("amount", amount);
            json.WriteString("currency", "USD");
            json.WriteStartArray("items");
            json.WriteStartObject();
            json.WriteString("sku", $"SKU-{rng.Next(2000):D5}");
            json.WriteNumber("qty", 1);
            json.WriteNumber("price", amount);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("ip", $"10.{user % 250}.{user / 250 % 250}.{rng.Next(3)}");
            json.WriteString("device_id", $"d{user}-{rng.Next(2)}");
            json.WriteString("billing_country", home);
            json.WriteString("shipping_country", home);
            json.WriteString("ip_country", rng.NextDouble() < 0.03 ? countries[rng.Next(countries.Length)] : home);
            json.WriteString("session_id", $"s{user}-{i / 50}");
            json.WriteNumber("lat", 40 + (rng.NextDouble() * 10));
            json.WriteNumber("lon", -100 + (rng.NextDouble() * 10));
            json.WriteEndObject();
            json.Flush();
            records[i] = buffer.WrittenSpan.ToArray();
            reference[i] = ts;
        }

        return (records, reference);
    }

    /// <summary>One partition's fraud path: decoder, scorer and message writer, as FraudScoringFeature wires them.</summary>
    private sealed class FraudPathRunner
    {
        private readonly PaymentEventDecoder _decoder = new(new Pseudonymizer("bench"), new Utf8Interner(), new DecoderOptions());
        private readonly FraudScorer _scorer = new(FraudModel.LoadShipped(), new FraudOptions());
        private readonly FraudScoreMessageWriter _writer = new();

        public long ShiftMs { get; set; }

        public long Scored { get; private set; }

        public int Run(byte[] record, long referenceMs, long shiftMs)
        {
            var result = _decoder.TryDecode(record, referenceMs, out var payment);
            if (!result.IsOk)
            {
                throw new InvalidOperationException($"decode failed: {result.Status} {result.Field}");
            }

            payment = payment with { TimeMs = payment.TimeMs + shiftMs };
            _scorer.AdvanceWatermark(payment.TimeMs - 5_000);
            if (!_scorer.TryScore(payment, out var score))
            {
                return 0;
            }

            Scored++;
            // The one unavoidable allocation: Confluent's Produce takes a byte[] per message.
            return _writer.Write(score, latencyUs: 42).ToArray().Length;
        }
    }
}
