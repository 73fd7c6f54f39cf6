using System.Security.Cryptography;
using System.Text;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Storage;

/// <summary>ImpactMetrics table: PartitionKey = hash of the category (keys may not hold '/', '#', '?'), RowKey = month (yyyy-MM).</summary>
public sealed class TableImportedImpactStore(StorageAccount storage) : IImportedImpactStore
{
    private CloudTable Table => storage.Table(TableNames.ImpactMetrics);

    public async Task SaveAsync(IReadOnlyList<MonthlyImpact> rows, CancellationToken cancellationToken)
    {
        foreach (var group in rows.GroupBy(r => Key(r.Category)))
        {
            foreach (var chunk in group.Chunk(100))
            {
                var batch = new TableBatchOperation();
                foreach (var row in chunk)
                {
                    var e = new DynamicTableEntity(group.Key, row.Month);
                    e.Properties["Category"] = new EntityProperty(row.Category);
                    e.Properties["FilesUsed"] = new EntityProperty(row.FilesUsed);
                    e.Properties["Articles"] = new EntityProperty(row.Articles);
                    e.Properties["Wikis"] = new EntityProperty(row.Wikis);
                    e.Properties["PageViews"] = new EntityProperty(row.PageViews);
                    batch.InsertOrReplace(e);
                }

                await StorageAccount.Guard(() => Table.ExecuteBatchAsync(batch, null, null, cancellationToken));
            }
        }
    }

    public async Task<IReadOnlyList<MonthlyImpact>> MonthsAsync(string category, string fromMonth, string toMonthExclusive, CancellationToken cancellationToken)
    {
        var filter = TableQuery.CombineFilters(
            TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, Key(category)),
                TableOperators.And,
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.GreaterThanOrEqual, fromMonth)),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, toMonthExclusive));
        var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(new TableQuery<DynamicTableEntity>().Where(filter), null, null, null, cancellationToken));
        return segment.Results.Select(e => new MonthlyImpact(category, e.RowKey,
            e.Properties["FilesUsed"].Int64Value ?? 0, e.Properties["Articles"].Int64Value ?? 0,
            e.Properties["Wikis"].Int64Value ?? 0, e.Properties["PageViews"].Int64Value ?? 0)).ToList();
    }

    private static string Key(string category) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(category.Trim())))[..32];
}
