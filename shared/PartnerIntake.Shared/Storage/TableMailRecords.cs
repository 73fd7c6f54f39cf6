using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The console's reads of MailOutbox (PartitionKey = outbox id, which starts with the inquiry reference or the donation
/// id) and MailEvents (PartitionKey = outbox id). Only the columns a list needs are read, never the bodies.
/// </summary>
public sealed class TableMailRecords(StorageAccount storage) : IMailRecords
{
    private static readonly string[] Columns =
    [
        "Kind", "ToEmail", "ToName", "Subject", "Language", "State", "Attempts", "CreatedAt", "SentAt", "ProviderMessageId",
        "DeliveryStatus", "DeliveryAt", "LastError",
    ];

    public async Task<IReadOnlyList<SentMail>> ForInquiryAsync(string reference, CancellationToken cancellationToken)
    {
        // "{reference}." up to, not including, "{reference}/" ('/' follows '.'): exactly the ids with that prefix.
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.GreaterThanOrEqual, reference + "."),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.LessThan, reference + "/"));
        var records = new List<MailRecord>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await StorageAccount.Guard(() => storage.Table(TableNames.MailOutbox).ExecuteQuerySegmentedAsync(
                new TableQuery<DynamicTableEntity>().Where(filter).Select(Columns), token, null, null, cancellationToken));
            records.AddRange(segment.Results.Select(FromEntity));
            token = segment.ContinuationToken;
        }
        while (token is not null && records.Count < 500);

        var withEvents = await Task.WhenAll(records.Select(async r => new SentMail(r, await EventsAsync(r.OutboxId, cancellationToken))));
        return withEvents.OrderBy(m => m.Record.CreatedAt).ThenBy(m => m.Record.OutboxId, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyDictionary<string, MailRecord>> GetManyAsync(IEnumerable<string> outboxIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, MailRecord>(StringComparer.Ordinal);
        foreach (var chunk in outboxIds.Distinct(StringComparer.Ordinal).Chunk(16))
        {
            var results = await Task.WhenAll(chunk.Select(id => StorageAccount.Guard(() => storage.Table(TableNames.MailOutbox).ExecuteAsync(
                TableOperation.Retrieve<DynamicTableEntity>(id, "mail", Columns.ToList()), null, null, cancellationToken))));
            foreach (var result in results)
            {
                if (result.Result is DynamicTableEntity e)
                {
                    found[e.PartitionKey] = FromEntity(e);
                }
            }
        }

        return found;
    }

    private async Task<IReadOnlyList<MailEventRecord>> EventsAsync(string outboxId, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>().Where(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, TableMailEvents.Key(outboxId)));
        var segment = await StorageAccount.Guard(() => storage.Table(TableNames.MailEvents).ExecuteQuerySegmentedAsync(query, null, null, null, cancellationToken));
        return segment.Results
            .Select(e => new MailEventRecord(
                e.Prop("EventId")?.StringValue ?? e.RowKey,
                e.Prop("Event")?.StringValue ?? "",
                e.Prop("At")?.DateTimeOffsetValue ?? e.Timestamp,
                e.Prop("Reason")?.StringValue,
                e.Prop("SmtpStatus")?.StringValue,
                e.Prop("BounceType")?.StringValue))
            .OrderBy(e => e.At)
            .ToList();
    }

    private static MailRecord FromEntity(DynamicTableEntity e) => new(
        e.PartitionKey,
        e.Prop("Kind")?.StringValue ?? "",
        e.Prop("ToEmail")?.StringValue ?? "",
        e.Prop("ToName")?.StringValue,
        e.Prop("Subject")?.StringValue ?? "",
        e.Prop("Language")?.StringValue ?? "",
        e.Prop("State")?.StringValue ?? "",
        e.Prop("Attempts")?.Int32Value ?? 0,
        e.Prop("CreatedAt")?.DateTimeOffsetValue,
        e.Prop("SentAt")?.DateTimeOffsetValue,
        e.Prop("ProviderMessageId")?.StringValue,
        e.Prop("DeliveryStatus")?.StringValue,
        e.Prop("DeliveryAt")?.DateTimeOffsetValue,
        e.Prop("LastError")?.StringValue);
}
