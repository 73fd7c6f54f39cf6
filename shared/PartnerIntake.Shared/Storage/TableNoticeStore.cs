using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Notices table: PartitionKey = due day (yyyyMMdd), RowKey = "{HHmmss}|{donation}|{kind}|{seq}". A run makes
/// one range query over the day partitions from the checkpoint (the earliest day that may still hold pending
/// notices, normally today) to now, pending rows only: its reads follow what is due, not how many donations exist.
/// </summary>
public sealed class TableNoticeStore(StorageAccount storage, TimeProvider time) : INoticeStore
{
    private const string CheckpointPartition = "checkpoint";

    private TableClient Table => storage.Table(TableNames.Notices);

    /// <summary>A pending notice's row (also what the recognition benchmark seeds).</summary>
    public static TableEntity ToEntity(Notice notice) =>
        new TableEntity(Day(notice.DueAt), RowKey(notice))
        {
            ["DueAt"] = notice.DueAt,
            ["DonationId"] = notice.DonationId,
            ["Kind"] = notice.Kind,
            ["Sequence"] = notice.Sequence,
            ["Status"] = NoticeStatus.Pending,
        }
        .With("PeriodStart", notice.PeriodStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        .With("PeriodEnd", notice.PeriodEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public async Task ScheduleAsync(Notice notice, CancellationToken cancellationToken)
    {
        var e = ToEntity(notice);
        if (await Table.TryAddAsync(e, cancellationToken) is null)
        {
            return; // scheduled before
        }

        // A notice due before the checkpoint (a back-dated donation) moves the checkpoint back.
        // A notice that is already due (a back-dated donation, the next report of a late series) must be seen
        // by the next run: move the checkpoint back to its day. Rewriting it even when the day stays the same
        // changes its ETag, so a run in progress cannot advance the checkpoint past this notice.
        var dueDay = DateOnly.FromDateTime(notice.DueAt.UtcDateTime);
        var checkpoint = (await CheckpointAsync(cancellationToken)).Day;
        if (checkpoint is null || dueDay < checkpoint || dueDay <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            await SetCheckpointAsync(checkpoint is { } c && c < dueDay ? c : dueDay, cancellationToken);
        }
    }

    public async Task<(IReadOnlyList<Notice> Notices, string? CheckpointETag)> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var today = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var (checkpoint, etag) = await CheckpointAsync(cancellationToken);
        var from = (checkpoint ?? DateOnly.FromDateTime(now.UtcDateTime)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var upToNow = now.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture) + "|~";

        // One range query: whole earlier day partitions from the checkpoint, and today's up to now.
        var filter = TableClient.CreateQueryFilter(
            $"((PartitionKey ge {from} and PartitionKey lt {today}) or (PartitionKey eq {today} and RowKey lt {upToNow})) and Status eq {NoticeStatus.Pending}");
        var due = await Table.QueryListAsync(filter, cancellationToken, max);
        return (due.Select(FromEntity).ToList(), etag);
    }

    public Task<bool> TryMarkAsync(Notice notice, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var e = new TableEntity(Day(notice.DueAt), RowKey(notice))
        {
            ["Status"] = status,
            ["HandledAt"] = at,
        };
        return Table.TryUpdateAsync(e, new ETag(notice.ETag), TableUpdateMode.Merge, cancellationToken);
    }

    public async Task AdvanceCheckpointAsync(DateOnly day, string? checkpointETag, CancellationToken cancellationToken)
    {
        var e = new TableEntity(CheckpointPartition, "earliest")
        {
            ["Day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        // Conditional: a notice scheduled into the past during the run moved the checkpoint back; keep that
        // (a conflict, 409 or 412, leaves the checkpoint as it is).
        if (checkpointETag is null)
        {
            await Table.TryAddAsync(e, cancellationToken);
        }
        else
        {
            await Table.TryUpdateAsync(e, new ETag(checkpointETag), TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Notice>> ForDonationAsync(string donationId, CancellationToken cancellationToken)
    {
        // Admin view only: scans. The schedule itself never needs this query.
        var rows = await Table.QueryListAsync(TableClient.CreateQueryFilter($"DonationId eq {donationId}"), cancellationToken);
        return rows.Select(FromEntity).OrderBy(n => n.DueAt).ToList();
    }

    private async Task<(DateOnly? Day, string? ETag)> CheckpointAsync(CancellationToken cancellationToken)
    {
        var e = await Table.FindAsync(CheckpointPartition, "earliest", cancellationToken);
        return e?.GetString("Day") is { } text
            ? (DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture), e.ETag.ToString())
            : (null, null);
    }

    private Task SetCheckpointAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var e = new TableEntity(CheckpointPartition, "earliest")
        {
            ["Day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return Table.UpsertAsync(e, TableUpdateMode.Replace, cancellationToken);
    }

    public static Notice FromEntity(TableEntity e) => new(
        e.GetDateTimeOffset("DueAt") ?? e.Timestamp ?? default,
        e.GetString("DonationId") ?? "",
        e.GetString("Kind") ?? "",
        e.GetInt32("Sequence") ?? 1,
        Date(e.GetString("PeriodStart")),
        Date(e.GetString("PeriodEnd")))
    {
        Status = e.GetString("Status") ?? NoticeStatus.Pending,
        ETag = e.ETag.ToString(),
    };

    private static DateOnly? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string RowKey(Notice n) =>
        string.Create(CultureInfo.InvariantCulture, $"{n.DueAt.UtcDateTime:HHmmss}|{n.DonationId}|{n.Kind}|{n.Sequence:D3}");
}
