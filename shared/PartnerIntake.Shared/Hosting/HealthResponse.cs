using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartnerIntake.Shared.Hosting;

/// <summary>What both apps' health endpoints answer: healthy, starting (storage answers, tables not ready yet) or unhealthy.</summary>
public sealed record HealthResponse(string Status, string Storage)
{
    public static HealthResponse From(HealthReport report)
    {
        // A check that threw has no description: storage did not answer as expected.
        var storage = report.Entries.TryGetValue(StorageHealthCheck.Name, out var entry) ? entry.Description ?? "unreachable" : "not checked";
        return report.Status == HealthStatus.Healthy
            ? new HealthResponse("healthy", storage)
            : new HealthResponse(storage == "unreachable" ? "unhealthy" : "starting", storage);
    }
}
