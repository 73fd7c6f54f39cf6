using Microsoft.Extensions.Options;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>Direct access to the test's Azurite, to look behind the app's back.</summary>
public sealed class StorageProbe(string connectionString)
{
    public StorageAccount Account { get; } = new(Options.Create(new StorageOptions { ConnectionString = connectionString }));

    public async Task<int> CountRowsAsync(string table, string? partition = null)
    {
        var query = new TableQuery<DynamicTableEntity>().Select(["PartitionKey"]);
        if (partition is not null)
        {
            query = query.Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, partition));
        }

        var count = 0;
        TableContinuationToken? token = null;
        do
        {
            var segment = await Account.Table(table).ExecuteQuerySegmentedAsync(query, token);
            count += segment.Results.Count;
            token = segment.ContinuationToken;
        }
        while (token is not null);

        return count;
    }

    public async Task<int> CountRowsWithPrefixAsync(string table, string prefix)
    {
        var query = new TableQuery<DynamicTableEntity>().Where(TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.GreaterThanOrEqual, prefix),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.LessThan, prefix + "\uffff")));
        var segment = await Account.Table(table).ExecuteQuerySegmentedAsync(query, null);
        return segment.Results.Count;
    }

    public async Task<int> QueueLengthAsync(string queue)
    {
        var reference = Account.Queue(queue);
        await reference.FetchAttributesAsync();
        return reference.ApproximateMessageCount ?? 0;
    }

    public async Task<IReadOnlyList<string>> PeekAsync(string queue)
    {
        var messages = await Account.Queue(queue).PeekMessagesAsync(32);
        return messages.Select(m => m.AsString).ToList();
    }

    public Task EnqueueAsync(string queue, string text) =>
        Account.Queue(queue).AddMessageAsync(new CloudQueueMessage(text));

    public Task InsertAsync(string table, DynamicTableEntity entity) =>
        Account.Table(table).ExecuteAsync(TableOperation.Insert(entity));
}
