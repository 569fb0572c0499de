using System.Globalization;
using System.Text;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Tests.Simulation;
using static StreamEngine.Core.Tests.Fraud.FraudTestEvents;

namespace StreamEngine.Core.Tests.Fraud;

/// <summary>
/// The checkpoint contract of <see cref="FraudScorer"/>: saved and restored into a fresh scorer at any point of the
/// simulator's clicks and payments, it scores every following payment bit for bit like a scorer that never stopped.
/// </summary>
public sealed class FraudScorerCheckpointTests
{
    private static readonly double[] SplitFractions = [0.2, 0.45, 0.7, 0.9];
    private static readonly Lazy<List<Input>> SharedTraffic = new(DecodeTraffic);
    private static readonly FraudModel Shipped = FraudModel.LoadShipped();

    private static List<Input> Traffic => SharedTraffic.Value;

    [Fact]
    public void Restored_Scorer_ScoresTheFollowingPaymentsExactlyLikeAnUninterruptedOne()
    {
        var options = new FraudOptions();
        var model = Shipped;
        var expected = Run(new FraudScorer(model, options), Traffic);

        var actual = RunWithRestarts(model, options, (_, _) => { });

        Assert.True(expected.Count > 3_000, $"only {expected.Count} scores");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Restored_OnlineLearningScorer_KeepsLearntWeightsAndVersion_AndScoresLikeAnUninterruptedOne()
    {
        // Chargebacks come 1-5 days after the payment: a 60-hour horizon learns from both kinds of label within the 3
        // simulated days.
        var options = new FraudOptions { OnlineLearning = true, LabelHorizon = TimeSpan.FromHours(60) };
        var model = Shipped;
        var uninterrupted = new FraudScorer(model, options);
        var steps = new Dictionary<bool, int> { [true] = 0, [false] = 0 };
        uninterrupted.ModelUpdated += (_, e) => steps[e.Fraud]++;
        var expected = Run(uninterrupted, Traffic);
        var updatesAtRestarts = new List<long>();

        var actual = RunWithRestarts(model, options, (before, after) =>
        {
            Assert.Equal(before.Model.Version, after.Model.Version);
            Assert.Equal(before.Model.OnlineUpdates, after.Model.OnlineUpdates);
            Assert.Equal(Bits(before.Model.Bias), Bits(after.Model.Bias));
            Assert.Equal(before.Model.Weights.Select(Bits), after.Model.Weights.Select(Bits));
            updatesAtRestarts.Add(after.Model.OnlineUpdates);
        });

        Assert.Equal(expected, actual);
        Assert.True(steps[true] >= 5 && steps[false] > 100, $"{steps[true]} chargeback and {steps[false]} expiry steps");
        Assert.True(updatesAtRestarts.Count(u => u > 0) >= 2, $"steps at the restarts: {string.Join(", ", updatesAtRestarts)}");
        Assert.True(uninterrupted.Model.OnlineUpdates > updatesAtRestarts[^1], "learning must go on after the last restart");
        Assert.NotEqual(model.Weights.Select(Bits), uninterrupted.Model.Weights.Select(Bits));
    }

    [Fact]
    public void Restored_UserDeviceSet_EvictsInTheSameOrderOnTies()
    {
        // 16 devices at the same instant fill the user's set with equal last-seen times: which one a 17th device
        // replaces depends on the slot order alone. Device ids descend, so an order by key would evict another one.
        var before = Enumerable.Range(0, 16).Select(i => Attempt(T0, device: (ulong)(1_000 - i), txn: $"a{i}")).ToList();
        var after = new ulong[] { 983, 1_000, 985, 999 }
            .Select((device, i) => Attempt(T0 + ((i + 1) * Minute), device: device, txn: $"b{i}"))
            .ToList();
        var options = new FraudOptions();
        var model = Shipped;
        var uninterrupted = new FraudScorer(model, options);
        Score(uninterrupted, before);
        var original = new FraudScorer(model, options);
        Score(original, before);

        var restored = new FraudScorer(model, options);
        StateSnapshot.Restore(restored, StateSnapshot.Capture(original));

        var expected = Score(uninterrupted, after);
        Assert.Equal(new[] { 1.0, 1, 0, 1 }, expected.Select(s => s.Features[FraudFeature.NewDeviceForUser]));
        Assert.Equal(expected.Select(Describe), Score(restored, after).Select(Describe));
    }

    [Fact]
    public void Restore_IntoAScorerWithAnotherModel_KeepsThatModelAndRestoresTheKeyState()
    {
        var options = new FraudOptions { OnlineLearning = true, LabelHorizon = TimeSpan.FromHours(6) };
        var shipped = Shipped;
        var original = new FraudScorer(shipped, options);
        var warmUp = Traffic.Take(Traffic.Count / 2).ToList();
        Run(original, warmUp);
        Assert.True(original.Model.OnlineUpdates > 0);
        var deployed = new FraudModel("2.0", shipped.CreatedAt, shipped.Means.ToArray(), shipped.Stds.ToArray(),
            shipped.Weights.ToArray(), shipped.Bias, shipped.ReviewThreshold, shipped.DeclineThreshold, shipped.TopK);

        var restored = new FraudScorer(deployed, options);
        StateSnapshot.Restore(restored, StateSnapshot.Capture(original));

        Assert.Equal("2.0", restored.Model.Version);
        Assert.Equal(deployed.Weights, restored.Model.Weights);
        Assert.Equal(original.StateCount, restored.StateCount);
        var next = Traffic.Skip(warmUp.Count).First(i => i.Click is null && i.Payment.Type == PaymentEventType.Authorized).Payment;
        Assert.True(original.TryScore(next, out var a));
        Assert.True(restored.TryScore(next, out var b));
        Assert.Equal(FeatureBits(a), FeatureBits(b));
    }

    [Fact]
    public void Restore_WithOnlineLearningTurnedOff_DropsTheLearntModelAndPendingLabels()
    {
        var shipped = FraudModel.LoadShipped();
        var online = new FraudScorer(shipped, new FraudOptions { OnlineLearning = true, LabelHorizon = TimeSpan.FromHours(6) });
        Run(online, Traffic.Take(Traffic.Count / 2));
        var offline = new FraudScorer(shipped, new FraudOptions());
        Run(offline, Traffic.Take(Traffic.Count / 2));

        var restored = new FraudScorer(shipped, new FraudOptions());
        StateSnapshot.Restore(restored, StateSnapshot.Capture(online));

        Assert.Same(shipped, restored.Model);
        Assert.Equal(FraudModel.LoadShipped().Weights, shipped.Weights);
        Assert.Equal(offline.StateCount, restored.StateCount);
        Assert.Equal(StateSnapshot.Capture(offline), StateSnapshot.Capture(restored));
    }

    [Fact]
    public void Restore_OfATruncatedState_ThrowsInvalidDataException()
    {
        var bytes = SmallOnlineState();

        // Every cut of a small state: each must be noticed, none may restore a partial state.
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes.AsSpan(0, length).ToArray();
            Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(NewOnlineScorer(), cut));
        }
    }

    [Fact]
    public void Restore_OfAnotherFormatVersion_ThrowsInvalidDataException()
    {
        var bytes = SmallOnlineState();
        bytes[0] = 2;

        var e = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(NewOnlineScorer(), bytes));
        Assert.Contains("format 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_OfAnImpossibleKeyCount_ThrowsInvalidDataExceptionWithoutAllocatingIt()
    {
        var bytes = SmallOnlineState();
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 1 + 8); // version, last sweep time, then the card count

        var e = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(NewOnlineScorer(), bytes));
        Assert.Contains("does not fit", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Restore_OfGarbledBytes_ThrowsInvalidDataException(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[1 + random.Next(1, 4_000)];
        random.NextBytes(bytes);
        bytes[0] = 1; // a valid version, so the garbage itself is read

        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(NewOnlineScorer(), bytes));
    }

    [Fact]
    public void Restore_OfCorruptedBytes_FailsOnlyWithInvalidDataException()
    {
        // Not every corruption is detectable (an amount may change into another valid amount: the image's checksum
        // catches those), but none may escape as another exception type or allocate beyond the bytes given.
        var bytes = SmallOnlineState();
        var random = new Random(11);
        var detected = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var corrupt = (byte[])bytes.Clone();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            }

            var e = Record.Exception(() => StateSnapshot.Restore(NewOnlineScorer(), corrupt));
            Assert.True(e is null or InvalidDataException, $"corruption {i}: {e}");
            detected += e is null ? 0 : 1;
        }

        Assert.True(detected > 1_000, $"only {detected} of 3000 corruptions detected");
    }

    /// <summary>
    /// Feeds <see cref="Traffic"/> through a chain of scorers, each restored from its predecessor's checkpoint at the
    /// split points; <paramref name="atRestart"/> sees each pair. Saving a restored scorer must give the same bytes.
    /// </summary>
    private static List<string> RunWithRestarts(FraudModel model, FraudOptions options, Action<FraudScorer, FraudScorer> atRestart)
    {
        var scores = new List<string>();
        var scorer = new FraudScorer(model, options);
        var start = 0;
        foreach (var fraction in SplitFractions)
        {
            var end = (int)(Traffic.Count * fraction);
            scores.AddRange(Run(scorer, Traffic.Skip(start).Take(end - start)));
            start = end;

            var bytes = StateSnapshot.Capture(scorer);
            var restored = new FraudScorer(model, options);
            StateSnapshot.Restore(restored, bytes);
            Assert.Equal(scorer.StateCount, restored.StateCount);
            Assert.Equal(bytes, StateSnapshot.Capture(restored));
            atRestart(scorer, restored);
            scorer = restored;
        }

        scores.AddRange(Run(scorer, Traffic.Skip(start)));
        return scores;
    }

    /// <summary>As the engine feeds it: clicks observed, each payment after advancing the watermark it carries.</summary>
    private static List<string> Run(FraudScorer scorer, IEnumerable<Input> inputs)
    {
        var scores = new List<string>();
        foreach (var input in inputs)
        {
            if (input.Click is { } click)
            {
                scorer.ObserveClick(click);
                continue;
            }

            scorer.AdvanceWatermark(input.WatermarkMs);
            if (scorer.TryScore(input.Payment, out var score))
            {
                scores.Add(Describe(score));
            }
        }

        return scores;
    }

    private static List<FraudScore> Score(FraudScorer scorer, IEnumerable<PaymentEvent> payments)
    {
        var scores = new List<FraudScore>();
        foreach (var payment in payments)
        {
            Assert.True(scorer.TryScore(payment, out var score));
            scores.Add(score);
        }

        return scores;
    }

    private static FraudScorer NewOnlineScorer() => new(Shipped, new FraudOptions { OnlineLearning = true });

    /// <summary>The state after the first few hundred inputs (keys of every kind, pending labels, the model section).</summary>
    private static byte[] SmallOnlineState()
    {
        var scorer = NewOnlineScorer();
        Run(scorer, Traffic.Take(400));
        Assert.True(scorer.StateCount > 50, $"state count {scorer.StateCount}");
        return StateSnapshot.Capture(scorer);
    }

    /// <summary>Every output field, doubles as bits: "equal" means bit for bit.</summary>
    private static string Describe(FraudScore s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.TxnId} {s.Decision} {s.Reason1} {s.Reason2} {s.Reason3} {s.ModelVersion} {Bits(s.Score):X} {FeatureBits(s)}");

    private static string FeatureBits(FraudScore s)
    {
        var text = new StringBuilder();
        var features = s.Features;
        foreach (var value in (ReadOnlySpan<double>)features)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Bits(value):X},");
        }

        return text.ToString();
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    /// <summary>The shared simulator run's clicks and payments in record order, decoded as the engine decodes them.</summary>
    private static List<Input> DecodeTraffic()
    {
        var run = SimulatedRun.Shared;
        var pseudonymizer = new Pseudonymizer("fraud-checkpoint-test");
        var clicks = new ClickEventDecoder(pseudonymizer, new Utf8Interner(), new DecoderOptions());
        var payments = new PaymentEventDecoder(pseudonymizer, new Utf8Interner(), new DecoderOptions());
        var lagMs = (long)run.Options.MaxOutOfOrderness.TotalMilliseconds;
        var maxTimeMs = long.MinValue;
        var inputs = new List<Input>();
        foreach (var record in run.Records)
        {
            if (record.Topic == run.Options.Topics.Clickstream)
            {
                var result = clicks.TryDecode(record.Value, record.TimestampMs, out var click);
                Assert.True(result.IsOk, $"{result.Status} {result.Field}");
                inputs.Add(new Input(click, default, 0));
                maxTimeMs = Math.Max(maxTimeMs, click.TimeMs);
            }
            else if (record.Topic == run.Options.Topics.Transactions)
            {
                var result = payments.TryDecode(record.Value, record.TimestampMs, out var payment);
                Assert.True(result.IsOk, $"{result.Status} {result.Field}");
                maxTimeMs = Math.Max(maxTimeMs, payment.TimeMs);
                inputs.Add(new Input(null, payment, maxTimeMs - lagMs));
            }
        }

        return inputs;
    }

    private sealed record Input(ClickEvent? Click, PaymentEvent Payment, long WatermarkMs);
}
