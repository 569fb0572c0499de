using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using StreamEngine.Core.Metrics;
using StreamEngine.Host.Http;

namespace StreamEngine.IntegrationTests.Operations;

public sealed class MetricsServerTests
{
    [Fact]
    public async Task Endpoints_ServeMetricsLivenessAndReadiness()
    {
        var metrics = new EngineMetrics(new MetricRegistry());
        metrics.EventsConsumed.WithLabels("clickstream").Inc(12);
        bool kafkaAssigned = false;
        bool clickHouseUp = false;
        var probe = new ReadinessProbe(
        [
            new ReadinessCheck("kafka", () => Volatile.Read(ref kafkaAssigned)),
            new ReadinessCheck("clickhouse", _ => ValueTask.FromResult(Volatile.Read(ref clickHouseUp))),
        ]);
        await using WebApplication app = MetricsServer.Build(metrics.Registry, probe, "http://127.0.0.1:0");
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(MetricsServer.BoundAddresses(app).Single()) };

            using HttpResponseMessage scrape = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.Equal("text/plain; version=0.0.4; charset=utf-8", scrape.Content.Headers.ContentType!.ToString());
            Assert.Contains("streamengine_kafka_events_consumed_total{topic=\"clickstream\"} 12\n", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using HttpResponseMessage live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

            await AssertReadyAsync(http, HttpStatusCode.ServiceUnavailable, "unready", ["kafka", "clickhouse"]);
            Volatile.Write(ref kafkaAssigned, true);
            await AssertReadyAsync(http, HttpStatusCode.ServiceUnavailable, "unready", ["clickhouse"]);
            Volatile.Write(ref clickHouseUp, true);
            await AssertReadyAsync(http, HttpStatusCode.OK, "ready", []);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task ReadinessProbe_CountsThrowingAndHangingChecksAsFailing()
    {
        var probe = new ReadinessProbe(
        [
            new ReadinessCheck("throws", () => throw new InvalidOperationException("boom")),
            new ReadinessCheck("hangs", async ct => { await Task.Delay(Timeout.Infinite, ct); return true; }),
            new ReadinessCheck("ok", () => true),
        ], TimeSpan.FromMilliseconds(200));

        Assert.Equal(["throws", "hangs"], await probe.FailingChecksAsync(CancellationToken.None));
    }

    private static async Task AssertReadyAsync(HttpClient http, HttpStatusCode status, string expectedStatus, string[] failing)
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(expectedStatus, body.RootElement.GetProperty("status").GetString());
        Assert.Equal(failing, body.RootElement.GetProperty("failing").EnumerateArray().Select(e => e.GetString()).ToArray());
    }
}
