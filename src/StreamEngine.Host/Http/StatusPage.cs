using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StreamEngine.Core.Metrics;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Http;

/// <summary>The status page at <c>/</c> and its JSON feed at <c>/api/status</c>.</summary>
public static class StatusPage
{
    /// <summary>
    /// Maps <c>/</c> (the HTML page) and <c>/api/status</c> (JSON built from <paramref name="metrics"/>,
    /// <paramref name="progress"/> and <paramref name="board"/> on each request, on the HTTP thread);
    /// <paramref name="pipelineInputs"/> names each pipeline's input topics.
    /// </summary>
    public static IEndpointRouteBuilder MapStatusPage(
        this IEndpointRouteBuilder endpoints,
        EngineMetrics metrics,
        Func<IEnumerable<PartitionProgress>> progress,
        StatusBoard board,
        IReadOnlyDictionary<string, IReadOnlyList<string>> pipelineInputs,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(pipelineInputs);
        var report = new StatusReport(metrics, progress, board, pipelineInputs, time ?? TimeProvider.System);
        endpoints.MapGet("/", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(StatusPageHtml.Document, "text/html; charset=utf-8");
        });
        endpoints.MapGet("/api/status", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(report.Build());
        });
        return endpoints;
    }
}
