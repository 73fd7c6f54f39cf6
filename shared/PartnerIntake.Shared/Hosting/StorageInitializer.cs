using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Shared.Hosting;

/// <summary>
/// On start, in both apps: creates tables and queues if missing and seeds the routing tables from the
/// repository's CSV when no version is live. Retries until storage answers, without delaying the start.
/// </summary>
public sealed partial class StorageInitializer(
    StorageAccount storage,
    TableRoutingTablesStore routingStore,
    MailTemplates templates,
    TimeProvider time,
    ILogger<StorageInitializer> logger) : BackgroundService
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => ready.Task;

    public bool IsReady => ready.Task.IsCompletedSuccessfully;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queues = QueueNames.All.SelectMany(q => new[] { q, QueueNames.Poison(q) });
        _ = templates.All.Count(); // compile the mail templates now, not on the first inquiry
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await storage.EnsureCreatedAsync(queues, stoppingToken);
                var live = await routingStore.GetLiveAsync(stoppingToken);
                var seed = RoutingTablesCsv.Seed();
                if (live is null)
                {
                    await routingStore.ImportAsync(seed.Parse(), time.GetUtcNow(), onlyIfEmpty: true, stoppingToken, source: "seed");
                    LogSeeded(seed.ContentVersion());
                }
                else if (live.Value.Source == "seed" && live.Value.Version != seed.ContentVersion())
                {
                    // The repository's data moved on and nobody imported tables of their own: follow it.
                    await routingStore.ImportAsync(seed.Parse(), time.GetUtcNow(), onlyIfEmpty: false, stoppingToken, source: "seed");
                    LogReseeded(live.Value.Version, seed.ContentVersion());
                }

                ready.TrySetResult();
                LogReady();
                return;
            }
            catch (StorageUnavailableException ex)
            {
                LogWaiting(ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: tables and queues exist")]
    private partial void LogReady();

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded routing tables version {Version} from the repository")]
    private partial void LogSeeded(string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing tables {Old} came from an older repository seed; now {Version}")]
    private partial void LogReseeded(string old, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage not reachable yet (attempt {Attempt}); retrying")]
    private partial void LogWaiting(Exception ex, int attempt);
}
