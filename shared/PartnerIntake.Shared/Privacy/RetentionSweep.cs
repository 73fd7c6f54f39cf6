using Microsoft.Extensions.Logging;

namespace PartnerIntake.Shared.Privacy;

public sealed record RetentionRun(int Due, int Erased, int Stale, int Failed, int Purged);

/// <summary>
/// The retention run (timer ApplyRetention): erases the personal data that fell due, reading only the due entries
/// (missed days included), then purges housekeeping rows past their use. Idempotent: an erased subject leaves the
/// index, the eraser reports zero for anything erased before, so two runs at once or one after another change nothing more.
/// </summary>
public sealed partial class RetentionSweep(
    IRetentionIndex index,
    IPersonalDataEraser eraser,
    IRetentionHousekeeping housekeeping,
    TimeProvider time,
    ILogger<RetentionSweep> logger,
    IRetentionBackfill? backfill = null,
    Microsoft.Extensions.Options.IOptions<PrivacyOptions>? options = null)
{
    public const string Actor = "retention";
    public const int MaxPerBatch = 500;
    public const int MaxBatches = 20;

    public async Task<RetentionRun> ApplyAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (backfill is not null)
        {
            // Inquiries stored before retention existed: filed first, so that those already due go in this run.
            await backfill.RunAsync((options?.Value ?? new PrivacyOptions()).RetentionMonths, cancellationToken);
        }

        int due = 0, erased = 0, stale = 0, failed = 0;
        for (var batch = 0; batch < MaxBatches; batch++)
        {
            var entries = await index.DueAsync(now, MaxPerBatch, cancellationToken);
            foreach (var entry in entries)
            {
                try
                {
                    if (!await index.IsCurrentAsync(entry, cancellationToken))
                    {
                        stale++; // moved later or kept since it was written: only the entry goes
                    }
                    else
                    {
                        var report = entry.Kind == RetentionKind.Donation
                            ? await eraser.EraseDonationContactAsync(entry.Id, Actor, cancellationToken)
                            : await eraser.EraseInquiryAsync(entry.Id, Actor, cancellationToken);
                        erased++;
                        LogErased(entry.Kind, entry.Id, report.Total);
                    }

                    await index.CompleteAsync(entry, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // One subject's trouble must not hold back the others; its entry stays for the next run.
                    failed++;
                    LogFailed(ex, entry.Kind, entry.Id);
                }
            }

            due += entries.Count;
            if (entries.Count < MaxPerBatch || failed > 0)
            {
                break;
            }
        }

        var purged = await housekeeping.PurgeAsync(now, cancellationToken);
        LogRun(due, erased, stale, failed, purged);
        return new RetentionRun(due, erased, stale, failed, purged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention erased the personal data of {Kind} {Id} ({Records} records)")]
    private partial void LogErased(string kind, string id, int records);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention could not erase {Kind} {Id}; the next run retries")]
    private partial void LogFailed(Exception ex, string kind, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run: {Due} due, {Erased} erased, {Stale} stale entries dropped, {Failed} failed, {Purged} housekeeping rows purged")]
    private partial void LogRun(int due, int erased, int stale, int failed, int purged);
}
