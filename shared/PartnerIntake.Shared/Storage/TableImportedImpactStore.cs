using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>ImpactMetrics table: PartitionKey = hash of the category (keys may not hold '/', '#', '?'), RowKey = month (yyyy-MM).</summary>
public sealed class TableImportedImpactStore(StorageAccount storage) : IImportedImpactStore
{
    private TableClient Table => storage.Table(TableNames.ImpactMetrics);

    public async Task SaveAsync(IReadOnlyList<MonthlyImpact> rows, CancellationToken cancellationToken)
    {
        foreach (var group in rows.GroupBy(r => Key(r.Category)))
        {
            // An entity group transaction: one partition, at most 100 actions.
            foreach (var chunk in group.Chunk(100))
            {
                var actions = chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(group.Key, row.Month)
                {
                    ["Category"] = row.Category,
                    ["FilesUsed"] = row.FilesUsed,
                    ["Articles"] = row.Articles,
                    ["Wikis"] = row.Wikis,
                    ["PageViews"] = row.PageViews,
                })).ToList();
                await StorageAccount.Guard(() => Table.SubmitTransactionAsync(actions, cancellationToken));
            }
        }
    }

    public async Task<IReadOnlyList<MonthlyImpact>> MonthsAsync(string category, string fromMonth, string toMonthExclusive, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(category)} and RowKey ge {fromMonth} and RowKey lt {toMonthExclusive}");
        var rows = await Table.QueryListAsync(filter, cancellationToken);
        return rows.Select(e => new MonthlyImpact(category, e.RowKey,
            e.GetInt64("FilesUsed") ?? 0, e.GetInt64("Articles") ?? 0,
            e.GetInt64("Wikis") ?? 0, e.GetInt64("PageViews") ?? 0)).ToList();
    }

    private static string Key(string category) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(category.Trim())))[..32];
}
