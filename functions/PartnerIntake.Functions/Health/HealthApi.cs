using PartnerIntake.Shared.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.Health;

public sealed record HealthResponse(string Status, string Storage);

/// <summary>Health (GET /api/health): storage reachable and initialised. Liveness (GET /api/health/live): the process answers, no I/O.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", CheckAsync).WithName("Health");
        app.MapGet("/api/health/live", () => TypedResults.Ok(new HealthResponse("alive", "not checked"))).WithName("Liveness");
        return app;
    }

    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> CheckAsync(
        StorageAccount storage, StorageInitializer initializer, CancellationToken cancellationToken)
    {
        if (!await storage.IsReachableAsync(cancellationToken))
        {
            return TypedResults.Json(new HealthResponse("unhealthy", "unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return initializer.IsReady
            ? TypedResults.Ok(new HealthResponse("healthy", "reachable"))
            : TypedResults.Json(new HealthResponse("starting", "reachable, initialising"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
