using Azure.Data.Tables;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The console's reads of outbox records (an inquiry's are rows <c>mail|…</c> of its partition in Inquiries, see
/// <see cref="TableMailOutbox.Address"/>) and MailEvents (PartitionKey = outbox id). Only the columns a list needs
/// are read, never the bodies.
/// </summary>
public sealed class TableMailRecords(StorageAccount storage) : IMailRecords
{
    private static readonly string[] Columns =
    [
        "PartitionKey", "RowKey", "Kind", "ToEmail", "ToName", "Subject", "Language", "State", "Attempts", "CreatedAt", "SentAt", "ProviderMessageId",
        "DeliveryStatus", "DeliveryAt", "LastError",
    ];

    public async Task<IReadOnlyList<SentMail>> ForInquiryAsync(string reference, CancellationToken cancellationToken)
    {
        var prefix = TableMailOutbox.RowPrefix;
        var rows = await storage.Table(TableNames.Inquiries).QueryListAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {reference} and RowKey ge {prefix} and RowKey lt {prefix + "~"}"),
            cancellationToken, max: 500, select: Columns);
        var withEvents = await Task.WhenAll(rows.Select(FromEntity).Select(async r => new SentMail(r, await EventsAsync(r.OutboxId, cancellationToken))));
        return withEvents.OrderBy(m => m.Record.CreatedAt).ThenBy(m => m.Record.OutboxId, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyDictionary<string, MailRecord>> GetManyAsync(IEnumerable<string> outboxIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, MailRecord>(StringComparer.Ordinal);
        foreach (var chunk in outboxIds.Distinct(StringComparer.Ordinal).Chunk(16))
        {
            var results = await Task.WhenAll(chunk.Select(id =>
            {
                var (table, pk, rk) = TableMailOutbox.Address(id);
                return storage.Table(table).FindAsync(pk, rk, cancellationToken, Columns);
            }));
            foreach (var e in results.OfType<TableEntity>())
            {
                var record = FromEntity(e);
                found[record.OutboxId] = record;
            }
        }

        return found;
    }

    private async Task<IReadOnlyList<MailEventRecord>> EventsAsync(string outboxId, CancellationToken cancellationToken)
    {
        var rows = await storage.Table(TableNames.MailEvents).QueryListAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableMailEvents.Key(outboxId)}"), cancellationToken, max: 1000);
        return rows
            .Select(e => new MailEventRecord(
                e.GetString("EventId") ?? e.RowKey,
                e.GetString("Event") ?? "",
                e.GetDateTimeOffset("At") ?? e.Timestamp ?? DateTimeOffset.MinValue,
                e.GetString("Reason"),
                e.GetString("SmtpStatus"),
                e.GetString("BounceType")))
            .OrderBy(e => e.At)
            .ToList();
    }

    private static MailRecord FromEntity(TableEntity e) => new(
        TableMailOutbox.OutboxIdOf(e),
        e.GetString("Kind") ?? "",
        e.GetString("ToEmail") ?? "",
        e.GetString("ToName"),
        e.GetString("Subject") ?? "",
        e.GetString("Language") ?? "",
        e.GetString("State") ?? "",
        e.GetInt32("Attempts") ?? 0,
        e.GetDateTimeOffset("CreatedAt"),
        e.GetDateTimeOffset("SentAt"),
        e.GetString("ProviderMessageId"),
        e.GetString("DeliveryStatus"),
        e.GetDateTimeOffset("DeliveryAt"),
        e.GetString("LastError"));
}
