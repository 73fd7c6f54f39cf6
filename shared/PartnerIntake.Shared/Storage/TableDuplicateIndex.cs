using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

/// <summary>InquiryIndex table: PartitionKey = a hashed duplicate key, RowKey = reference. One partition query per key.</summary>
public sealed class TableDuplicateIndex(StorageAccount storage) : IDuplicateIndex, IDuplicateLookup
{
    private CloudTable Table => storage.Table(TableNames.InquiryIndex);

    public async Task<IReadOnlyList<LinkedInquiry>> LinkAsync(Inquiry inquiry, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, LinkedInquiry>(StringComparer.Ordinal);
        var since = inquiry.ReceivedAt - DuplicateKeys.Window;
        foreach (var (kind, key) in DuplicateKeys.For(inquiry.Submission))
        {
            var filter = TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, key),
                TableOperators.And,
                TableQuery.GenerateFilterConditionForDate("ReceivedAt", QueryComparisons.GreaterThanOrEqual, since));
            var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(
                new TableQuery<DynamicTableEntity>().Where(filter).Take(50), null, null, null, cancellationToken));
            foreach (var row in segment.Results)
            {
                var at = row.Prop("ReceivedAt")?.DateTimeOffsetValue ?? row.Timestamp;
                if (row.RowKey != inquiry.Reference && at <= inquiry.ReceivedAt && !found.ContainsKey(row.RowKey))
                {
                    found[row.RowKey] = new LinkedInquiry(row.RowKey, at, kind);
                }
            }

            var own = new DynamicTableEntity(key, inquiry.Reference);
            own.Properties["ReceivedAt"] = new EntityProperty(inquiry.ReceivedAt);
            await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.InsertOrReplace(own), null, null, cancellationToken));
        }

        return found.Values.OrderBy(l => l.ReceivedAt).ToList();
    }

    /// <summary>For the console: every inquiry sharing a key with this one, earlier or later (up to 50 per key); writes nothing.</summary>
    public async Task<IReadOnlyList<LinkedInquiry>> FindLinkedAsync(InquirySubmission submission, string reference, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, LinkedInquiry>(StringComparer.Ordinal);
        foreach (var (kind, key) in DuplicateKeys.For(submission))
        {
            var query = new TableQuery<DynamicTableEntity>()
                .Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, key))
                .Take(50);
            var segment = await StorageAccount.Guard(() => Table.ExecuteQuerySegmentedAsync(query, null, null, null, cancellationToken));
            foreach (var row in segment.Results.Where(r => r.RowKey != reference))
            {
                found.TryAdd(row.RowKey, new LinkedInquiry(row.RowKey, row.Prop("ReceivedAt")?.DateTimeOffsetValue ?? row.Timestamp, kind));
            }
        }

        return found.Values.OrderBy(l => l.ReceivedAt).ToList();
    }
}
