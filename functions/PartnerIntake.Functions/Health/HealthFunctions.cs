using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.Functions.Health;

/// <summary>Health (GET /api/health): storage reachable and initialised. Liveness (GET /api/health/live): the process answers, no I/O.</summary>
public sealed class HealthFunctions(HealthCheckService health)
{
    [Function("Health")]
    public async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> CheckAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var response = HealthResponse.From(report);
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(response)
            : TypedResults.Json(response, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    [Function("Liveness")]
    public Ok<HealthResponse> Live([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequest request) =>
        TypedResults.Ok(new HealthResponse("alive", "not checked"));
}
