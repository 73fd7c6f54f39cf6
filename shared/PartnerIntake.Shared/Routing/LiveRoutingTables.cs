using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Shared.Routing;

/// <summary>
/// Keeps the live routing tables in memory. The live-version pointer is re-read at most every
/// <see cref="RoutingOptions.RefreshSeconds"/>, so a newly imported version is picked up without a restart and
/// messages never re-read the tables themselves.
/// </summary>
public sealed partial class LiveRoutingTables(
    TableRoutingTablesStore store,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    ILogger<LiveRoutingTables> logger) : IRoutingTablesSource
{
    private TimeSpan RefreshInterval => TimeSpan.FromSeconds(options.Value.RefreshSeconds);

    private readonly SemaphoreSlim gate = new(1, 1);
    private RoutingTables? current;
    private DateTimeOffset checkedAt = DateTimeOffset.MinValue;

    public async ValueTask<RoutingTables> GetLiveAsync(CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (snapshot is not null && time.GetUtcNow() - checkedAt < RefreshInterval)
        {
            return snapshot;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is not null && time.GetUtcNow() - checkedAt < RefreshInterval)
            {
                return current;
            }

            string? version;
            try
            {
                version = await store.GetLiveVersionAsync(cancellationToken);
            }
            catch (StorageUnavailableException) when (current is not null)
            {
                // A storage blip must not stop routing: the version we hold is still valid.
                return current;
            }

            version = version
                ?? throw new InvalidOperationException("No routing tables are live yet; the app seeds them on start.");
            if (current?.Version != version)
            {
                current = await store.LoadAsync(version, cancellationToken)
                    ?? throw new InvalidOperationException($"Routing tables version {version} is live but has no rows.");
                LogLoaded(version, current.Entities.Count);
            }

            checkedAt = time.GetUtcNow();
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate() => checkedAt = DateTimeOffset.MinValue;

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing tables {Version} loaded ({EntityCount} entities)")]
    private partial void LogLoaded(string version, int entityCount);
}

public sealed class RoutingOptions
{
    /// <summary>How often the live-version pointer is re-read (Routing:RefreshSeconds).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 30;
}
