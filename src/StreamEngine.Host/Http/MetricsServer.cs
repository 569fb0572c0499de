using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Core.Metrics;

namespace StreamEngine.Host.Http;

/// <summary>The operations endpoints: <c>/metrics</c>, <c>/health/live</c>, <c>/health/ready</c>.</summary>
public static class MetricsServer
{
    /// <summary>
    /// Builds (does not start) a Kestrel app on <paramref name="url"/> serving the operations endpoints. Start it with
    /// <c>StartAsync</c> and stop it with <c>StopAsync</c>; add more endpoints (status page) before starting.
    /// Use port 0 for a free port and read it back with <see cref="BoundAddresses"/>.
    /// </summary>
    public static WebApplication Build(MetricRegistry registry, ReadinessProbe readiness, string url)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        WebApplication app = builder.Build();
        app.MapOperationsEndpoints(registry, readiness);
        return app;
    }

    /// <summary>Maps the operations endpoints onto an existing app (when the host already runs one).</summary>
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder endpoints, MetricRegistry registry, ReadinessProbe readiness)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(readiness);
        endpoints.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = MetricRegistry.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await registry.WriteToAsync(context.Response.Body, context.RequestAborted);
        });
        endpoints.MapGet("/health/live", () => Results.Text("live\n", "text/plain"));
        endpoints.MapGet("/health/ready", async (HttpContext context) =>
        {
            IReadOnlyList<string> failing = await readiness.FailingChecksAsync(context.RequestAborted);
            return failing.Count == 0
                ? Results.Json(new ReadinessReport("ready", failing))
                : Results.Json(new ReadinessReport("unready", failing), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }

    /// <summary>The addresses Kestrel actually bound (after start), e.g. the port chosen for port 0.</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        IServerAddressesFeature? feature = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return feature is null ? [] : [.. feature.Addresses];
    }
}
