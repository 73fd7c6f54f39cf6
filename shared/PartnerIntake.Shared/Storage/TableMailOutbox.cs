using System.Text;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Storage;

/// <summary>MailOutbox table: PartitionKey = outbox id, RowKey = "mail". Holds the rendered content so a retry resends it unchanged.</summary>
public sealed class TableMailOutbox(StorageAccount storage) : IMailOutbox
{
    private const string RowKey = "mail";

    // A string property holds at most 64 KiB (32K UTF-16 chars): long bodies are split across columns.
    private const int ChunkChars = 30_000;

    private CloudTable Table => storage.Table(TableNames.MailOutbox);

    public async Task<(OutboxRecord Record, bool Claimed)> AddClaimedOrGetAsync(
        OutboundMail mail, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        var entity = new DynamicTableEntity(mail.OutboxId, RowKey);
        entity.Properties["Kind"] = new EntityProperty(mail.Kind);
        entity.Properties["ToEmail"] = new EntityProperty(mail.To.Email);
        entity.Properties["ToName"] = new EntityProperty(mail.To.Name);
        entity.Properties["Subject"] = new EntityProperty(mail.Subject);
        entity.Properties["Language"] = new EntityProperty(mail.Language);
        WriteChunks(entity, "Text", mail.Text);
        WriteChunks(entity, "Html", mail.Html);
        entity.Properties["State"] = new EntityProperty(OutboxState.Sending);
        entity.Properties["ClaimedUntil"] = new EntityProperty(claimUntil);
        entity.Properties["Attempts"] = new EntityProperty(1);
        entity.Properties["CreatedAt"] = new EntityProperty(now);
        try
        {
            var result = await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Insert(entity), null, null, cancellationToken));
            return (new OutboxRecord(mail, OutboxState.Sending, claimUntil, 1, result.Etag), true);
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 409)
        {
            var existing = await StorageAccount.Guard(() => Table.ExecuteAsync(
                TableOperation.Retrieve<DynamicTableEntity>(mail.OutboxId, RowKey), null, null, cancellationToken));
            return (FromEntity((DynamicTableEntity)existing.Result), false);
        }
    }

    public async Task<bool> TryClaimAsync(OutboxRecord record, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var entity = new DynamicTableEntity(record.Mail.OutboxId, RowKey) { ETag = record.ETag };
        entity.Properties["State"] = new EntityProperty(OutboxState.Sending);
        entity.Properties["ClaimedUntil"] = new EntityProperty(until);
        entity.Properties["Attempts"] = new EntityProperty(record.Attempts + 1);
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(entity), null, null, cancellationToken));
            return true;
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 412)
        {
            return false;
        }
    }

    public Task MarkSentAsync(string outboxId, string? providerMessageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new DynamicTableEntity(outboxId, RowKey) { ETag = "*" };
        entity.Properties["State"] = new EntityProperty(OutboxState.Sent);
        entity.Properties["SentAt"] = new EntityProperty(at);
        entity.Properties["ProviderMessageId"] = new EntityProperty(providerMessageId);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(entity), null, null, cancellationToken));
    }

    public Task ReleaseAsync(string outboxId, string error, CancellationToken cancellationToken)
    {
        var entity = new DynamicTableEntity(outboxId, RowKey) { ETag = "*" };
        entity.Properties["State"] = new EntityProperty(OutboxState.Pending);
        entity.Properties["LastError"] = new EntityProperty(error);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(entity), null, null, cancellationToken));
    }

    private static void WriteChunks(DynamicTableEntity entity, string name, string value)
    {
        var chunks = value.Chunk(ChunkChars).Select(c => new string(c)).ToList();
        entity.Properties[name + "Chunks"] = new EntityProperty(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            entity.Properties[$"{name}{i}"] = new EntityProperty(chunks[i]);
        }
    }

    private static string ReadChunks(DynamicTableEntity entity, string name)
    {
        var count = entity.Properties[name + "Chunks"].Int32Value ?? 0;
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append(entity.Properties[$"{name}{i}"].StringValue);
        }

        return builder.ToString();
    }

    private static OutboxRecord FromEntity(DynamicTableEntity e)
    {
        string Str(string name) => e.Prop(name)?.StringValue ?? "";
        var mail = new OutboundMail(
            e.PartitionKey,
            Str("Kind"),
            new Recipient(Str("ToEmail"), e.Prop("ToName")?.StringValue),
            Str("Subject"),
            ReadChunks(e, "Text"),
            ReadChunks(e, "Html"),
            Str("Language"));
        return new OutboxRecord(
            mail,
            Str("State"),
            e.Prop("ClaimedUntil")?.DateTimeOffsetValue,
            e.Prop("Attempts")?.Int32Value ?? 0,
            e.ETag);
    }
}
