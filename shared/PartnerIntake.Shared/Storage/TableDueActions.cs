using System.Globalization;
using Azure.Data.Tables;
using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// DueActions table: PartitionKey = due day (yyyyMMdd, UTC), RowKey = "{HHmmss}|{reference}|{sequence}|{kind}". A row is
/// deleted once its action is done, so "what is due" is every row of the days before today plus today's rows up to
/// now: two range queries whose cost follows the number of due rows, not of open assignments.
/// </summary>
public sealed class TableDueActions(StorageAccount storage) : IDueActions
{
    private TableClient Table => storage.Table(TableNames.DueActions);

    public Task ScheduleAsync(DueAction action, CancellationToken cancellationToken) =>
        Table.UpsertAsync(ToEntity(action), TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<DueAction>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var today = Day(now);
        var earlierDays = await Table.QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey lt {today}"), cancellationToken, max);
        var todaySoFar = earlierDays.Count >= max
            ? []
            : await Table.QueryListAsync(
                TableClient.CreateQueryFilter($"PartitionKey eq {today} and RowKey lt {Time(now) + "|~"}"), cancellationToken, max - earlierDays.Count);
        return earlierDays.Concat(todaySoFar).Select(e => new DueAction(
            e.GetDateTimeOffset("DueAt") ?? now,
            e.GetString("Reference"),
            e.GetInt32("Sequence") ?? 1,
            e.GetString("Kind"))).ToList();
    }

    public Task CompleteAsync(DueAction action, CancellationToken cancellationToken) =>
        Table.TryDeleteAsync(Day(action.DueAt), RowKey(action), cancellationToken); // gone already: another run completed it

    public static TableEntity ToEntity(DueAction action) => new(Day(action.DueAt), RowKey(action))
    {
        ["DueAt"] = action.DueAt,
        ["Reference"] = action.Reference,
        ["Sequence"] = action.Sequence,
        ["Kind"] = action.Kind,
    };

    private static string RowKey(DueAction a) =>
        string.Create(CultureInfo.InvariantCulture, $"{Time(a.DueAt)}|{a.Reference}|{a.Sequence:D3}|{a.Kind}");

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture);
}
