using Microsoft.Extensions.Configuration;
using StreamEngine.Core;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;

namespace StreamEngine.IntegrationTests.Commands;

/// <summary><c>simulate --out</c> then <c>train</c>, as a user would run them without Kafka: the model written loads and ranks.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("se-train-").FullName;

    [Fact]
    public async Task SimulatedJsonLines_TrainWritesAModelThatLoadsAndReportsAuc()
    {
        var input = Path.Combine(_dir, "tx.jsonl");
        var model = Path.Combine(_dir, "model.json");
        var configuration = new ConfigurationBuilder().Build();
        var (simFlags, _) = CommandLine.Split(["--events", "120000", "--seed", "9", "--out", input]);
        Assert.Equal(0, SimulationFile.Write(configuration, EngineOptions.Load(configuration), simFlags, input, defaultEvents: 1));
        var lines = await File.ReadAllLinesAsync(input);
        Assert.True(lines.Length > 1_000, $"{lines.Length} transactions");
        Assert.All(lines, l => Assert.Contains("\"type\":", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("\"label\":true}", StringComparison.Ordinal));

        var (flags, _) = CommandLine.Split(["--input", input, "--out", model, "--holdout", "0.25", "--review-rate", "0.02", "--version", "t.1"]);
        using var report = new StringWriter();
        Assert.Equal(0, await TrainCommand.ExecuteAsync(configuration, flags, report));

        var loaded = FraudModel.Load(model);
        Assert.Equal("t.1", loaded.Version);
        Assert.Contains("ROC AUC", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("precision@2.0", report.ToString(), StringComparison.Ordinal);
        Assert.Contains(loaded.Weights, w => w != 0);
    }

    [Fact]
    public async Task SimulatedClickstream_TrainWithClicks_LearnsTheSessionFeaturesThatTransactionsAloneLeaveAtZero()
    {
        var transactions = Path.Combine(_dir, "tx.jsonl");
        var clicks = Path.Combine(_dir, "clicks.jsonl");
        var configuration = new ConfigurationBuilder().Build();
        foreach (var (topic, path) in new[] { ("transactions", transactions), ("clickstream", clicks) })
        {
            var (simFlags, _) = CommandLine.Split(["--events", "120000", "--seed", "9", "--topic", topic, "--out", path]);
            Assert.Equal(0, SimulationFile.Write(configuration, EngineOptions.Load(configuration), simFlags, path, defaultEvents: 1));
        }

        async Task<(FraudModel Model, string Report)> Train(params string[] extra)
        {
            var model = Path.Combine(_dir, $"model{extra.Length}.json");
            var (flags, _) = CommandLine.Split(["--input", transactions, "--out", model, .. extra]);
            using var report = new StringWriter();
            Assert.Equal(0, await TrainCommand.ExecuteAsync(configuration, flags, report));
            return (FraudModel.Load(model), report.ToString());
        }

        var (withClicks, report) = await Train("--clicks", clicks);
        var (withoutClicks, _) = await Train();
        Assert.Matches("read [0-9,]+ clickstream events from ", report);
        var session = (int)FraudFeature.SessionKnown;
        Assert.Equal(0, withoutClicks.Weights[session]); // constant 0 in training: never learnt
        Assert.NotEqual(0, withClicks.Weights[session]);
        Assert.NotEqual(0, withClicks.Weights[(int)FraudFeature.SessionMinutesBeforePayment]);
    }

    [Fact]
    public async Task MissingClicksFile_FailsNamingTheFlag()
    {
        var input = Path.Combine(_dir, "tx.jsonl");
        await File.WriteAllTextAsync(input, "");
        var (flags, _) = CommandLine.Split(["--input", input, "--clicks", Path.Combine(_dir, "nope.jsonl"), "--out", Path.Combine(_dir, "m.json")]);
        var error = await Assert.ThrowsAsync<OptionsException>(() => TrainCommand.ExecuteAsync(new ConfigurationBuilder().Build(), flags, TextWriter.Null));
        Assert.Contains("--clicks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingInputFile_FailsNamingTheFlag()
    {
        var (flags, _) = CommandLine.Split(["--input", Path.Combine(_dir, "nope.jsonl"), "--out", Path.Combine(_dir, "m.json")]);
        var error = await Assert.ThrowsAsync<OptionsException>(() => TrainCommand.ExecuteAsync(new ConfigurationBuilder().Build(), flags, TextWriter.Null));
        Assert.Contains("--input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadModelFile_FailsStartUpNamingTheModelPathKey()
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, """{"format":"streamengine.fraud.logistic/1"}""");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["StreamEngine:Fraud:ModelPath"] = path }).Build();
        var error = Assert.Throws<OptionsException>(() => Host.Features.FeatureCatalog.Create(EngineOptions.Load(configuration)));
        Assert.Contains("StreamEngine:Fraud:ModelPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fraud model", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ReviewThreshold", "0.99", "ReviewThreshold")] // above the shipped model's decline threshold
    [InlineData("DeclineThreshold", "0.01", "DeclineThreshold")] // below the shipped model's review threshold
    public void ThresholdOverrideContradictingTheModel_FailsStartUpNamingTheKey(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"StreamEngine:Fraud:{key}"] = value }).Build();
        var error = Assert.Throws<OptionsException>(() => Host.Features.FeatureCatalog.Create(EngineOptions.Load(configuration)));
        Assert.Contains($"StreamEngine:Fraud:{named}", error.Message, StringComparison.Ordinal);
        Assert.Contains("above decline threshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsistentThresholdOverrides_AreAccepted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamEngine:Fraud:ReviewThreshold"] = "0.95",
            ["StreamEngine:Fraud:DeclineThreshold"] = "0.97",
        }).Build();
        Assert.NotNull(Host.Features.FeatureCatalog.Create(EngineOptions.Load(configuration)));
    }

    [Fact]
    public void FraudOptionOutOfRange_FailsStartUpNamingTheFullKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["StreamEngine:Fraud:DeclineThreshold"] = "1.5" }).Build();
        var error = Assert.Throws<OptionsException>(() => EngineOptions.Load(configuration));
        Assert.Contains("StreamEngine:Fraud:DeclineThreshold", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
