using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Shared.Hosting;

/// <summary>
/// Both apps' health: storage answers and this instance has created its tables and queues. Behind the Functions
/// app's GET /api/health and the web app's GET /health (App Service's health check probes it).
/// </summary>
public sealed class StorageHealthCheck(StorageAccount storage, StorageInitializer initializer) : IHealthCheck
{
    public const string Name = "storage";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await storage.IsReachableAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("unreachable");
        }

        // Starting up is expected, not a fault: degraded (503 all the same) rather than unhealthy in the logs.
        return initializer.IsReady ? HealthCheckResult.Healthy("reachable") : HealthCheckResult.Degraded("reachable, initialising");
    }
}
