using System.Text.Json;

namespace StreamEngine.IntegrationTests.Operations;

public sealed class GrafanaDashboardTests
{
    private static readonly string DashboardPath = Path.Combine(RepositoryPaths.Docker, "grafana", "dashboards", "streamengine.json");

    [Fact]
    public void Dashboard_ParsesAndUsesTheProvisionedDatasource()
    {
        using JsonDocument dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        string[] datasources = Targets(dashboard.RootElement).Select(t => t.GetProperty("datasource").GetProperty("uid").GetString()!).Distinct().ToArray();
        string provisioning = File.ReadAllText(Path.Combine(RepositoryPaths.Docker, "grafana", "provisioning", "datasources", "prometheus.yml"));

        Assert.Equal("streamengine-overview", dashboard.RootElement.GetProperty("uid").GetString());
        Assert.Equal(["prometheus"], datasources);
        Assert.Contains("uid: prometheus", provisioning, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryQuery_ReferencesOnlyExportedMetrics()
    {
        using JsonDocument dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        string[] exprs = Targets(dashboard.RootElement).Select(t => t.GetProperty("expr").GetString()!).ToArray();
        string[] referenced = exprs.SelectMany(MetricNames.ReferencedIn).Distinct().ToArray();

        Assert.True(exprs.Length >= 20, $"only {exprs.Length} queries");
        Assert.All(referenced, metric => Assert.True(MetricNames.IsExported(metric), $"the dashboard queries {metric}, which EngineMetrics does not export."));
    }

    [Theory]
    [InlineData("Throughput", "streamengine_kafka_events_consumed_total")]
    [InlineData("Lag and event time", "streamengine_kafka_consumer_lag_messages")]
    [InlineData("Latency", "streamengine_pipeline_processing_latency_seconds_bucket")]
    [InlineData("Fraud", "streamengine_fraud_decisions_total")]
    [InlineData("Stock risk and intent", "streamengine_inventory_skus_below_reorder_point")]
    public void Dashboard_HasTheRequiredSections(string row, string metric)
    {
        string json = File.ReadAllText(DashboardPath);

        Assert.Contains($"\"title\": \"{row}\"", json, StringComparison.Ordinal);
        Assert.Contains(metric, json, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> Targets(JsonElement root)
    {
        foreach (JsonElement panel in root.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("targets", out JsonElement targets))
            {
                foreach (JsonElement target in targets.EnumerateArray())
                {
                    yield return target;
                }
            }
        }
    }
}
