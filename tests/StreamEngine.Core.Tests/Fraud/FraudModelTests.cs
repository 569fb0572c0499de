using System.Text;
using System.Text.Json.Nodes;
using StreamEngine.Core.Fraud;

namespace StreamEngine.Core.Tests.Fraud;

public sealed class FraudModelTests
{
    private static FraudModel Model(double bias = -2, double review = 0.5, double decline = 0.9, Action<double[]>? weights = null)
    {
        var means = new double[FraudFeatureNames.Count];
        var stds = Enumerable.Repeat(1.0, FraudFeatureNames.Count).ToArray();
        var w = new double[FraudFeatureNames.Count];
        weights?.Invoke(w);
        return new FraudModel("2.1", DateTimeOffset.UnixEpoch, means, stds, w, bias, review, decline, 3);
    }

    [Fact]
    public void Score_IsTheLogisticOfTheStandardisedLinearPredictor()
    {
        var means = new double[FraudFeatureNames.Count];
        var stds = Enumerable.Repeat(2.0, FraudFeatureNames.Count).ToArray();
        var w = new double[FraudFeatureNames.Count];
        means[3] = 1;
        w[3] = 0.8;
        w[10] = -0.5;
        var model = new FraudModel("1", DateTimeOffset.UnixEpoch, means, stds, w, -1, 0.5, 0.9, 3);
        var x = new double[FraudFeatureNames.Count];
        x[3] = 5;
        x[10] = 2;
        var expected = 1 / (1 + Math.Exp(-(-1 + (0.8 * (5 - 1) / 2) - (0.5 * 2 / 2))));
        Assert.Equal(expected, model.Score(x).Score, 12);
        Assert.Equal(expected, model.Probability(x), 12);
    }

    [Fact]
    public void Reasons_NameTheLargestPositiveContributorsFirst()
    {
        var model = Model(weights: w =>
        {
            w[(int)FraudFeature.VelocityCard1h] = 2;
            w[(int)FraudFeature.NewDeviceForUser] = 1;
            w[(int)FraudFeature.AccountAgeDays] = -0.5;
            w[(int)FraudFeature.IpCountryNotBilling] = 3;
        });
        var x = new double[FraudFeatureNames.Count];
        x[(int)FraudFeature.VelocityCard1h] = 4; // +8
        x[(int)FraudFeature.NewDeviceForUser] = 1; // +1
        x[(int)FraudFeature.AccountAgeDays] = -6; // +3, unusually low
        x[(int)FraudFeature.IpCountryNotBilling] = -1; // -3: lowers the score, never a reason
        var a = model.Score(x);
        Assert.Equal("velocity_card_1h_high", FraudReasonCodes.Code(a.Reason1));
        Assert.Equal("account_age_days_low", FraudReasonCodes.Code(a.Reason2));
        Assert.Equal("new_device_for_user_high", FraudReasonCodes.Code(a.Reason3));
        Assert.Equal(FraudFeature.VelocityCard1h, FraudReasonCodes.Feature(a.Reason1));
    }

    [Fact]
    public void Reasons_AreNoneWhenNothingRaisesTheScore()
    {
        var a = Model(weights: w => w[0] = 1).Score(new double[FraudFeatureNames.Count]);
        Assert.Equal(FraudReason.None, a.Reason1);
        Assert.Equal("", FraudReasonCodes.Code(a.Reason1));
    }

    [Theory]
    [InlineData(-3.0, FraudDecision.Approve)]
    [InlineData(0.5, FraudDecision.Review)]
    [InlineData(3.0, FraudDecision.Decline)]
    public void Decision_FollowsTheThresholds(double bias, FraudDecision expected) =>
        Assert.Equal(expected, Model(bias: bias).Score(new double[FraudFeatureNames.Count]).Decision);

    [Fact]
    public void ModelFile_RoundTripsThroughJson()
    {
        var model = Model(weights: w => { w[1] = 0.25; w[47] = -1.5; });
        var copy = FraudModel.Parse(model.ToJson(new Dictionary<string, double> { ["validation_roc_auc"] = 0.97 }), "mem");
        Assert.Equal(model.Weights, copy.Weights);
        Assert.Equal(model.Bias, copy.Bias);
        Assert.Equal("2.1", copy.Version);
        Assert.Equal((0.5, 0.9, 3), (copy.ReviewThreshold, copy.DeclineThreshold, copy.TopK));
    }

    [Fact]
    public void ShippedModel_LoadsFromTheAssembly()
    {
        var model = FraudModel.LoadShipped();
        Assert.Equal("1.1", model.Version);
        Assert.Equal(FraudModel.Load(Path.Combine(AppContext.BaseDirectory, "fraud-model-v1.json")).Weights, model.Weights);
        Assert.Equal(model.Weights, FraudModel.Load(new FraudOptions()).Weights); // empty ModelPath = shipped model
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "features[0].name", """{"op":"set","path":"features.0.name","value":"velocity_card_2m"}""" },
        { "is missing feature 'velocity_card_1m'", """{"op":"remove","path":"features.0"}""" },
        { "features[1].name", """{"op":"set","path":"features.1.name","value":"velocity_card_1m"}""" },
        { "features[2].weight", """{"op":"set","path":"features.2.weight","value":"NaN"}""" },
        { "features[2].std", """{"op":"set","path":"features.2.std","value":0}""" },
        { "field 'thresholds'", """{"op":"set","path":"thresholds.review","value":0.95}""" },
        { "thresholds.decline", """{"op":"set","path":"thresholds.decline","value":1.5}""" },
        { "field 'bias' is missing", """{"op":"remove","path":"bias"}""" },
        { "field 'colour' is not a known field", """{"op":"set","path":"colour","value":"red"}""" },
        { "field 'format'", """{"op":"set","path":"format","value":"sklearn"}""" },
        { "top_k_reasons", """{"op":"set","path":"top_k_reasons","value":7}""" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadModelFile_FailsWithAMessageNamingTheFileAndField(string expectedInMessage, string edit)
    {
        var doc = JsonNode.Parse(Model().ToJson())!;
        Apply(doc, JsonNode.Parse(edit)!);
        var path = Path.Combine(Path.GetTempPath(), $"bad-model-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, doc.ToJsonString());
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => FraudModel.Load(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains(expectedInMessage, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NotJson_FailsWithTheSourceName()
    {
        var e = Assert.Throws<InvalidDataException>(() => FraudModel.Parse(Encoding.UTF8.GetBytes("{ nope"), "models/x.json"));
        Assert.StartsWith("Fraud model 'models/x.json': field '(document)' is not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsThresholdsOutOfOrder() =>
        Assert.Throws<InvalidDataException>(() => Model(review: 0.9, decline: 0.5));

    private static void Apply(JsonNode doc, JsonNode edit)
    {
        var parts = edit["path"]!.GetValue<string>().Split('.');
        var parent = doc;
        foreach (var part in parts[..^1])
        {
            parent = int.TryParse(part, out var i) ? parent[i]! : parent[part]!;
        }

        var last = parts[^1];
        if (edit["op"]!.GetValue<string>() == "remove")
        {
            if (int.TryParse(last, out var i)) { parent.AsArray().RemoveAt(i); } else { parent.AsObject().Remove(last); }
        }
        else if (int.TryParse(last, out var i))
        {
            parent[i] = edit["value"]!.DeepClone();
        }
        else
        {
            parent[last] = edit["value"]!.DeepClone();
        }
    }
}
