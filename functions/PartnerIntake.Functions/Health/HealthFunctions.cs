using PartnerIntake.Shared.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.Health;

public sealed record HealthResponse(string Status, string Storage);

/// <summary>Health (GET /api/health): storage reachable and initialised. Liveness (GET /api/health/live): the process answers, no I/O.</summary>
public sealed class HealthFunctions(StorageAccount storage, StorageInitializer initializer)
{
    [Function("Health")]
    public async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> CheckAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!await storage.IsReachableAsync(cancellationToken))
        {
            return TypedResults.Json(new HealthResponse("unhealthy", "unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return initializer.IsReady
            ? TypedResults.Ok(new HealthResponse("healthy", "reachable"))
            : TypedResults.Json(new HealthResponse("starting", "reachable, initialising"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    [Function("Liveness")]
    public Ok<HealthResponse> Live([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequest request) =>
        TypedResults.Ok(new HealthResponse("alive", "not checked"));
}
