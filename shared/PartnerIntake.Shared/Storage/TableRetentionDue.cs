using System.Globalization;
using Azure.Data.Tables;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// RetentionDue table. Entries: PartitionKey = due day (yyyyMMdd, UTC), RowKey = "{HHmmss}|{kind}|{id}", deleted once
/// handled, so "what is due" is every row of the days before today plus today's up to now (two range queries whose cost
/// follows the number of due rows, as in DueActions). A new subject is one entry (one write on submission). Once moved,
/// its current due time is a row of its own: PartitionKey = "subject|{kind}|{id}", RowKey "current", DueAt (absent:
/// kept). A move writes the current row first, then the new entry, then deletes the old one; an entry left behind by a
/// crash no longer matches the current row, and a run drops it (filing the current one if the crash came before it).
/// </summary>
public sealed class TableRetentionDue(StorageAccount storage) : IRetentionIndex
{
    private const string CurrentRow = "current";

    private TableClient Table => storage.Table(TableNames.RetentionDue);

    public Task AddAsync(string kind, string id, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        Table.UpsertAsync(Entry(kind, id, Seconds(dueAt)), TableUpdateMode.Replace, cancellationToken);

    public Task SetAsync(string kind, string id, DateTimeOffset? dueAt, DateTimeOffset? firstDue, CancellationToken cancellationToken) =>
        MoveAsync(kind, id, firstDue, _ => dueAt, cancellationToken);

    public Task ExtendAsync(string kind, string id, DateTimeOffset dueAt, bool keptStaysKept, DateTimeOffset? firstDue, CancellationToken cancellationToken) =>
        MoveAsync(kind, id, firstDue, current => current switch
        {
            null => dueAt,
            { Kept: true } => keptStaysKept ? null : dueAt,
            { DueAt: { } at } => at > dueAt ? at : dueAt,
            _ => dueAt,
        }, cancellationToken);

    public async Task<IReadOnlyList<RetentionDue>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var today = Day(now);
        var earlierDays = await Table.QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey lt {today}"), cancellationToken, max);
        var todaySoFar = earlierDays.Count >= max
            ? []
            : await Table.QueryListAsync(
                TableClient.CreateQueryFilter($"PartitionKey eq {today} and RowKey lt {Time(now) + "|~"}"), cancellationToken, max - earlierDays.Count);
        return earlierDays.Concat(todaySoFar).Select(e => new RetentionDue(
            e.GetString("Kind") ?? "",
            e.GetString("Id") ?? "",
            e.GetDateTimeOffset("DueAt") ?? now)).ToList();
    }

    public async Task<bool> IsCurrentAsync(RetentionDue due, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(due.Kind, due.Id, cancellationToken);
        if (current is null)
        {
            return true; // never moved: its first entry is current
        }

        if (current.DueAt is { } at && at != due.DueAt)
        {
            // A move was interrupted before its new entry was written: file it now, so the subject is not forgotten.
            await Table.UpsertAsync(Entry(due.Kind, due.Id, at), TableUpdateMode.Replace, cancellationToken);
        }

        return current.DueAt == due.DueAt;
    }

    public async Task CompleteAsync(RetentionDue due, CancellationToken cancellationToken)
    {
        var current = await Table.FindAsync(SubjectPartition(due.Kind, due.Id), CurrentRow, cancellationToken);
        if (current is not null && current.GetDateTimeOffset("DueAt") == due.DueAt)
        {
            // Conditional: a move since the read keeps the subject.
            await Table.TryDeleteAsync(current.PartitionKey, CurrentRow, cancellationToken, current.ETag);
        }

        await Table.TryDeleteAsync(Day(due.DueAt), RowKey(due.Kind, due.Id, due.DueAt), cancellationToken);
    }

    private async Task MoveAsync(string kind, string id, DateTimeOffset? firstDue, Func<Current?, DateTimeOffset?> next, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(kind, id, cancellationToken)
            ?? (firstDue is { } first ? new Current(Seconds(first)) : null);
        var dueAt = next(current) is { } wanted ? Seconds(wanted) : (DateTimeOffset?)null;
        if (current is not null && current.DueAt == dueAt)
        {
            return; // already there: a replay writes nothing (a never-moved subject at its first entry stays one entry)
        }

        var row = new TableEntity(SubjectPartition(kind, id), CurrentRow) { ["Kind"] = kind, ["Id"] = id };
        if (dueAt is { } at)
        {
            row["DueAt"] = at;
        }

        await Table.UpsertAsync(row, TableUpdateMode.Replace, cancellationToken);
        if (dueAt is { } newDue)
        {
            await Table.UpsertAsync(Entry(kind, id, newDue), TableUpdateMode.Replace, cancellationToken);
        }

        if (current?.DueAt is { } oldDue)
        {
            await Table.TryDeleteAsync(Day(oldDue), RowKey(kind, id, oldDue), cancellationToken);
        }
    }

    private async Task<Current?> CurrentAsync(string kind, string id, CancellationToken cancellationToken) =>
        await Table.FindAsync(SubjectPartition(kind, id), CurrentRow, cancellationToken) is { } e
            ? new Current(e.GetDateTimeOffset("DueAt"))
            : null;

    public static TableEntity Entry(string kind, string id, DateTimeOffset dueAt) => new(Day(dueAt), RowKey(kind, id, dueAt))
    {
        ["Kind"] = kind,
        ["Id"] = id,
        ["DueAt"] = dueAt,
    };

    /// <summary>Whole seconds, so that the time read back always equals the time written.</summary>
    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string SubjectPartition(string kind, string id) => $"subject|{kind}|{id}";

    private static string RowKey(string kind, string id, DateTimeOffset dueAt) => $"{Time(dueAt)}|{kind}|{id}";

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture);

    /// <summary>A subject's current row: its due time, or none (kept).</summary>
    private sealed record Current(DateTimeOffset? DueAt)
    {
        public bool Kept => DueAt is null;
    }
}
