using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Web.Hosting;

/// <summary>GET /health: 200 when storage answers and is initialised, else 503 (App Service's health check probes it).</summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(HealthResponse.From(report), context.RequestAborted),
        }).DisableHttpMetrics();
}
