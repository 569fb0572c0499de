using StreamEngine.Core.Events;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Core.Tests.Fraud;

public sealed class FraudTrainingInputTests
{
    private static readonly Pseudonymizer P = new("test-secret");

    [Fact]
    public void JsonLines_DecodePaymentsRefundsChargebacksAndLabels()
    {
        const string lines = """
            {"event_id":"e1","type":"payment","status":"authorized","ts":1790000000000,"txn_id":"t1","order_id":"o1","user_id":"u1","card_token":"c1","amount":59.99,"currency":"EUR","items":[{"sku":"s","qty":1,"price":59.99}],"ip":"1.2.3.4","device_id":"d1","billing_country":"DE","shipping_country":"FR","ip_country":"DE","lat":52.5,"lon":13.4,"is_fraud":true}

            {"event_id":"e2","type":"payment","status":"declined","ts":"2026-09-21T14:13:20+00:00","txn_id":"t2","order_id":"o2","user_id":"u1","card_token":"c1","amount":5,"currency":"EUR","items":[],"ip":"1.2.3.4","device_id":"d1","billing_country":"DE","shipping_country":"DE","ip_country":"DE"}
            {"event_id":"e3","type":"chargeback","ts":1790000500000,"txn_id":"t1","user_id":"u1","card_token":"c1","amount":59.99,"currency":"EUR"}
            {"event_id":"e4","type":"page_view","ts":1790000500000}
            """;
        var input = FraudTrainingInput.ReadJsonLines(new StringReader(lines), P);
        Assert.Equal(3, input.Events.Count);
        var a = input.Events[0];
        Assert.Equal((PaymentEventType.Authorized, 1_790_000_000_000L, 5999L, "t1"), (a.Type, a.TimeMs, a.AmountCents, a.TxnId));
        Assert.Equal((P.Pseudonymize("u1"), P.Pseudonymize("c1"), P.Pseudonymize("d1")), (a.UserId, a.CardToken, a.DeviceId));
        Assert.Equal(("DE", "FR", 52.5), (a.BillingCountry, a.ShippingCountry, a.Latitude));
        Assert.Equal(PaymentEventType.Declined, input.Events[1].Type);
        Assert.Equal(1_790_000_000_000L, input.Events[1].TimeMs);
        Assert.False(input.Events[1].HasLocation);
        Assert.Equal(PaymentEventType.Chargeback, input.Events[2].Type);
        Assert.Equal(new Dictionary<string, bool> { ["t1"] = true }, input.Labels);
    }

    [Fact]
    public void JsonLines_MissingRequiredField_NamesLineAndField()
    {
        const string line = """{"type":"payment","status":"authorized","ts":1,"txn_id":"t","order_id":"o","user_id":"u","amount":1,"ip":"i","device_id":"d","billing_country":"DE","shipping_country":"DE","ip_country":"DE"}""";
        var e = Assert.Throws<InvalidDataException>(() => FraudTrainingInput.ReadJsonLines(new StringReader("\n" + line), P));
        Assert.Equal("Training input line 2: field 'card_token' is missing.", e.Message);
    }

    [Fact]
    public void ClickHouseCsv_TakesNumericIdsAsPseudonyms_AndParsesClickHouseTimes()
    {
        const string csv = """
            type,status,ts,txn_id,order_id,user_id,card_token,amount,currency,ip,device_id,billing_country,shipping_country,ip_country,lat,lon,label
            payment,authorized,2026-09-21 14:13:20,t1,11,12,13,1234.5,EUR,14,15,DE,DE,NG,,,1
            chargeback,,1790000600000,t1,,12,13,10,EUR,,,,,,,,
            """;
        var input = FraudTrainingInput.ReadCsv(new StringReader(csv), P);
        Assert.Equal(2, input.Events.Count);
        var a = input.Events[0];
        Assert.Equal((1_790_000_000_000L, 12UL, 13UL, 15UL, 123_450L, "NG"), (a.TimeMs, a.UserId, a.CardToken, a.DeviceId, a.AmountCents, a.IpCountry));
        Assert.True(input.Labels["t1"]);
        Assert.Equal(PaymentEventType.Chargeback, input.Events[1].Type);
    }

    [Fact]
    public void Csv_QuotedFieldsKeepCommasAndQuotes() =>
        Assert.Equal(["a", "b,c", "say \"hi\"", ""], TrainingRecordParser.SplitCsv("a,\"b,c\",\"say \"\"hi\"\"\","));

    [Fact]
    public void Csv_RowWithWrongFieldCount_NamesTheLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => FraudTrainingInput.ReadCsv(new StringReader("type,ts\npayment"), P));
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLinesRoundTrip_TrainsTheSameModelAsDecodedEvents()
    {
        var data = SyntheticPayments.Generate(seed: 4, users: 200, days: 8);
        var json = new StringWriter();
        foreach (var e in data.Events)
        {
            json.WriteLine(ToJson(e, data.Labels));
        }

        var fromJson = FraudTrainingInput.ReadJsonLines(new StringReader(json.ToString()), P);
        var options = new FraudTrainingOptions();
        var a = FraudTrainer.Train(fromJson, options);
        var b = FraudTrainer.Train(data.Events, options, data.Labels);
        Assert.Equal(b.RocAuc, a.RocAuc, 9);
        Assert.Equal(b.Model.Weights, a.Model.Weights);
    }

    [Fact]
    public void ClickJsonLines_AreDecodedByTheEnginesDecoder_UnderThePaymentsPseudonyms()
    {
        const string clicks = """
            {"event_id":"e-1","type":"page_view","ts":1795335330250,"user_id":"u1","session_id":"s1","device_id":"d1","ip":"203.0.113.42","country":"DE","channel":"search","referrer":"https://www.google.com/"}

            {"event_id":"e-2","type":"search","ts":"2026-11-22T08:00:00+00:00","user_id":"u1","session_id":"s1","device_id":"d1","ip":"203.0.113.42","country":"DE","channel":"search","query":"shoes"}
            """;
        var read = FraudTrainingInput.ReadClickJsonLines(new StringReader(clicks), P);
        Assert.Equal(2, read.Count);
        Assert.Equal((1_795_335_330_250L, ClickEventType.PageView), (read[0].TimeMs, read[0].Type));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), read[1].TimeMs);

        const string payment = """{"type":"payment","status":"authorized","ts":1795335400000,"txn_id":"t","order_id":"o","user_id":"u1","card_token":"c","amount":1,"ip":"i","device_id":"d1","session_id":"s1","billing_country":"DE","shipping_country":"DE","ip_country":"DE"}""";
        var paid = FraudTrainingInput.ReadJsonLines(new StringReader(payment), P).Events[0];
        Assert.Equal((paid.UserId, paid.SessionId), (read[0].UserId, read[0].SessionId));
    }

    [Fact]
    public void ClickJsonLines_RecordTheDecoderRejects_NamesLineAndField()
    {
        const string bad = """{"event_id":"e-3","type":"page_view","ts":1795335330250,"session_id":"s1","device_id":"d1","ip":"1.2.3.4","country":"DE","channel":"direct"}""";
        var e = Assert.Throws<InvalidDataException>(() => FraudTrainingInput.ReadClickJsonLines(new StringReader("\n\n" + bad), P));
        Assert.StartsWith("Clickstream input line 3: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("user_id", e.Message, StringComparison.Ordinal);
    }

    private static string ToJson(PaymentEvent e, IReadOnlyDictionary<string, bool> labels)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var type = e.Type switch
        {
            PaymentEventType.Authorized => "\"payment\",\"status\":\"authorized\"",
            PaymentEventType.Declined => "\"payment\",\"status\":\"declined\"",
            PaymentEventType.Refunded => "\"refund\"",
            _ => "\"chargeback\"",
        };
        var loc = e.HasLocation ? string.Format(inv, ",\"lat\":{0:R},\"lon\":{1:R}", e.Latitude, e.Longitude) : "";
        var label = labels.TryGetValue(e.TxnId, out var f) && e.Type <= PaymentEventType.Declined ? $",\"is_fraud\":{(f ? "true" : "false")}" : "";
        return string.Format(inv,
            "{{\"event_id\":\"{0}\",\"type\":{1},\"ts\":{2},\"txn_id\":\"{3}\",\"order_id\":\"{4}\",\"user_id\":\"{5}\",\"card_token\":\"{6}\",\"amount\":{7},\"currency\":\"EUR\",\"ip\":\"{8}\",\"device_id\":\"{9}\",\"billing_country\":\"{10}\",\"shipping_country\":\"{11}\",\"ip_country\":\"{12}\"{13}{14}}}",
            e.EventId, type, e.TimeMs, e.TxnId, e.OrderId, e.UserId, e.CardToken, e.AmountCents / 100m, e.Ip, e.DeviceId,
            e.BillingCountry, e.ShippingCountry, e.IpCountry, loc, label);
    }
}
