using System.Globalization;
using Azure.Data.Tables;

namespace PartnerIntake.Shared.Storage;

/// <summary>How many form posts of one kind were refused on one UTC day.</summary>
public sealed record RefusalCount(DateOnly Day, string Kind, int Count);

/// <summary>
/// IntakeRefusals table: PartitionKey = the UTC day (yyyyMMdd), RowKey = the kind of refusal ("too-fast",
/// "honeypot"), Count. Nothing about who was refused is kept: the count is for operators to see whether a check
/// hits people. The first refusal of a day and kind inserts the row; later ones add one conditional on the ETag.
/// </summary>
public sealed class TableIntakeRefusals(StorageAccount storage, TimeProvider time)
{
    private const int MaxTries = 8;

    private TableClient Table => storage.Table(TableNames.IntakeRefusals);

    public async Task CountAsync(string kind, CancellationToken cancellationToken)
    {
        var day = time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        for (var tries = 0; tries < MaxTries; tries++)
        {
            var row = await Table.FindAsync(day, kind, cancellationToken, ["Count"]);
            if (row is null)
            {
                if (await Table.TryAddAsync(new TableEntity(day, kind) { ["Count"] = 1 }, cancellationToken) is not null)
                {
                    return;
                }

                continue;
            }

            var next = new TableEntity(day, kind) { ["Count"] = (row.GetInt32("Count") ?? 0) + 1 };
            if (await Table.TryUpdateAsync(next, row.ETag, Azure.Data.Tables.TableUpdateMode.Merge, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>The counts of the last <paramref name="days"/> UTC days, today included, newest first.</summary>
    public async Task<IReadOnlyList<RefusalCount>> RecentAsync(int days, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = today.AddDays(1 - days).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var rows = await Table.QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey ge {from}"), cancellationToken, max: 100 * days);
        return rows
            .Select(r => new RefusalCount(
                DateOnly.ParseExact(r.PartitionKey, "yyyyMMdd", CultureInfo.InvariantCulture), r.RowKey, r.GetInt32("Count") ?? 0))
            .OrderByDescending(c => c.Day).ThenBy(c => c.Kind, StringComparer.Ordinal)
            .ToList();
    }
}
