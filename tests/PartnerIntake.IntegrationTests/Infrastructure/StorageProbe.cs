using Azure.Data.Tables;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>Direct access to the test's Azurite, to look behind the app's back.</summary>
public sealed class StorageProbe(string connectionString)
{
    public StorageAccount Account { get; } = StorageClients.Connect(connectionString);

    public TableClient Table(string name) => Account.Table(name);

    public async Task<int> CountRowsAsync(string table, string? partition = null, string? rowPrefix = null)
    {
        var filters = new List<string>();
        if (partition is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"));
        }

        if (rowPrefix is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey ge {rowPrefix} and RowKey lt {rowPrefix + "\uffff"}"));
        }

        var count = 0;
        var filter = filters.Count == 0 ? null : string.Join(" and ", filters);
        await foreach (var _ in Account.Table(table).QueryAsync<TableEntity>(filter, select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>Stored inquiries: the "inquiry" rows of Inquiries (its other rows are assignments, audit entries and mails).</summary>
    public Task<int> CountInquiriesAsync() => CountRowsWithKeyAsync(TableNames.Inquiries, "inquiry");

    public Task<int> CountAssignmentsAsync(string reference) => CountRowsAsync(TableNames.Inquiries, reference, TableAssignmentStore.RowPrefix);

    /// <summary>Outbox records whose id starts with <paramref name="outboxIdPrefix"/> (e.g. "PI-….reminder", "DN-….thank-you").</summary>
    public Task<int> CountMailsAsync(string outboxIdPrefix)
    {
        var (table, pk, rk) = TableMailOutbox.Address(outboxIdPrefix.Contains('.') ? outboxIdPrefix : outboxIdPrefix + ".");
        return table == TableNames.Inquiries
            ? CountRowsAsync(table, pk, rk)
            : CountPartitionPrefixAsync(table, outboxIdPrefix);
    }

    /// <summary>Every outbox record, of inquiries and of donations.</summary>
    public async Task<int> CountAllMailsAsync() =>
        await CountRowsAsync(TableNames.MailOutbox) + await CountRowsAsync(TableNames.Inquiries, rowPrefix: TableMailOutbox.RowPrefix);

    public async Task<TableEntity> OutboxRecordAsync(string outboxId)
    {
        var (table, pk, rk) = TableMailOutbox.Address(outboxId);
        return (await Account.Table(table).GetEntityAsync<TableEntity>(pk, rk)).Value;
    }

    public async Task<int> QueueLengthAsync(string queue) =>
        (await Account.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async Task<IReadOnlyList<string>> PeekAsync(string queue)
    {
        var messages = await Account.Queue(queue).PeekMessagesAsync(32);
        return messages.Value.Select(m => m.Body.ToString()).ToList();
    }

    public Task EnqueueAsync(string queue, string text) => Account.Queue(queue).SendMessageAsync(text);

    public Task InsertAsync(string table, TableEntity entity) => Account.Table(table).AddEntityAsync(entity);

    private async Task<int> CountRowsWithKeyAsync(string table, string rowKey)
    {
        var count = 0;
        await foreach (var _ in Account.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {rowKey}"), select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    private async Task<int> CountPartitionPrefixAsync(string table, string prefix)
    {
        var count = 0;
        await foreach (var _ in Account.Table(table).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + "\uffff"}"), select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
