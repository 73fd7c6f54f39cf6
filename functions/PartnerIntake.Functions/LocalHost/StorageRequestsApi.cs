using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.LocalHost;

/// <summary>
/// <c>GET /admin/storage/requests</c> (admin key): the storage requests this process has sent since it started, by
/// kind, empty queue polls apart, and the operations inside its transactions. How the request budget is measured, in
/// tests, the benchmark and by operators.
/// </summary>
public static class StorageRequestsApi
{
    public sealed record StorageRequests(long Total, IReadOnlyDictionary<string, long> ByKind, long TransactionOperations);

    public static IEndpointRouteBuilder MapStorageRequestsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/storage/requests", (StorageRequestCounter counter) =>
            TypedResults.Ok(new StorageRequests(counter.Total, counter.Snapshot(), counter.TransactionOperations))).AddEndpointFilter<AdminKeyFilter>();
        return app;
    }
}
