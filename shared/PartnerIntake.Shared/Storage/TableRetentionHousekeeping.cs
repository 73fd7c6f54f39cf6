using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Deletes housekeeping rows past their use, at most <see cref="MaxPerTable"/> per table and run (the rest follow the
/// next day). IntakeRefusals is partitioned by day: one range query. The others are partitioned by a client's or an
/// address's keyed hash, so their old rows are found by a filter on the row's day or start: a scan, but of tables that
/// this daily purge keeps down to about a day of rows. ConsoleSessions rows go a day after they started (the longest
/// session is 24 hours).
/// </summary>
public sealed class TableRetentionHousekeeping(StorageAccount storage, IOptions<PrivacyOptions> options) : IRetentionHousekeeping
{
    public const int MaxPerTable = 1000;

    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var utc = now.UtcDateTime;
        var today = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var refusalsBefore = utc.AddDays(-options.Value.HousekeepingDays).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var windowsBefore = utc.AddDays(-1).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var sessionsBefore = now.AddDays(-1);

        return await PurgeAsync(TableNames.IntakeRefusals, TableClient.CreateQueryFilter($"PartitionKey lt {refusalsBefore}"), cancellationToken)
            + await PurgeAsync(TableNames.AcknowledgementCounts, TableClient.CreateQueryFilter($"RowKey lt {today}"), cancellationToken)
            + await PurgeAsync(TableNames.SubmissionWindows, TableClient.CreateQueryFilter($"RowKey lt {windowsBefore}"), cancellationToken)
            + await PurgeAsync(TableNames.ConsoleSessions, TableClient.CreateQueryFilter($"Started lt {sessionsBefore}"), cancellationToken);
    }

    private async Task<int> PurgeAsync(string tableName, string filter, CancellationToken cancellationToken)
    {
        var table = storage.Table(tableName);
        var rows = await table.QueryListAsync(filter, cancellationToken, MaxPerTable, select: ["PartitionKey", "RowKey"]);
        foreach (var row in rows)
        {
            await table.TryDeleteAsync(row.PartitionKey, row.RowKey, cancellationToken);
        }

        return rows.Count;
    }
}
