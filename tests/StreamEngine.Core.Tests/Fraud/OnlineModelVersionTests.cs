using StreamEngine.Core.Events;
using StreamEngine.Core.Fraud;
using static StreamEngine.Core.Tests.Fraud.FraudTestEvents;

namespace StreamEngine.Core.Tests.Fraud;

public sealed class OnlineModelVersionTests
{
    private static readonly FraudOptions Online = new() { OnlineLearning = true, OnlineLearningRate = 0.1 };

    [Fact]
    public void PartitionsLearningTheSameNumberOfSteps_ReportDifferentVersions_NamingTheirPartition()
    {
        var model = FraudModel.LoadShipped();
        var versions = new[] { 3, 7 }.Select(partition =>
        {
            var scorer = new FraudScorer(model, Online, partition);
            Assert.True(scorer.TryScore(Attempt(T0, txn: "x"), out _));
            Assert.False(scorer.TryScore(Label(T0 + (30 * Day), PaymentEventType.Chargeback, "x"), out _));
            return scorer.Model.Version;
        }).ToList();

        Assert.Equal([$"{model.Version}+online.p3.1", $"{model.Version}+online.p7.1"], versions);
        Assert.Equal(model.BaseVersion, model.Version); // the shared model never learns
    }

    [Fact]
    public void RestoredOnlineModel_KeepsItsPartitionInTheVersion()
    {
        var model = FraudModel.LoadShipped();
        var learner = model.Clone(lineage: "p5");
        var features = new double[FraudFeatureNames.Count];
        learner.SgdStep(features, fraud: true, sampleWeight: 1, learningRate: 0.1, l2: 0);
        using var image = new MemoryStream();
        using (var writer = new BinaryWriter(image, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            learner.SaveOnline(writer);
        }

        image.Position = 0;
        var restored = model.Clone(lineage: "p5");
        using (var reader = new BinaryReader(image))
        {
            Assert.True(restored.RestoreOnline(reader));
        }

        Assert.Equal($"{model.Version}+online.p5.1", restored.Version);
        Assert.Equal(learner.Weights, restored.Weights);
    }
}
