using System.Text;
using System.Text.Json;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// MailOutbox table: PartitionKey = outbox id, RowKey = "mail". Holds the rendered content — with reply-to, extra
/// headers and custom args — so a retry resends it unchanged; and the delivery status reported by the Event Webhook.
/// </summary>
public sealed class TableMailOutbox(StorageAccount storage) : IMailOutbox, IMailDeliveryStatus
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
        entity.Properties["ReplyToEmail"] = new EntityProperty(mail.ReplyTo?.Email);
        entity.Properties["ReplyToName"] = new EntityProperty(mail.ReplyTo?.Name);
        entity.Properties["HeadersJson"] = new EntityProperty(ToJson(mail.Headers));
        entity.Properties["CustomArgsJson"] = new EntityProperty(ToJson(mail.CustomArgs));
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

    public async Task<bool> RecordDeliveryAsync(string outboxId, string eventType, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Several events of one message may arrive at once (and out of order): read, decide, write with the ETag.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var read = await StorageAccount.Guard(() => Table.ExecuteAsync(
                TableOperation.Retrieve<DynamicTableEntity>(outboxId, RowKey, ["DeliveryStatus", "DeliveryAt"]), null, null, cancellationToken));
            if (read.Result is not DynamicTableEntity current)
            {
                return false;
            }

            if (!MailEventTypes.Supersedes(eventType, at, current.Prop("DeliveryStatus")?.StringValue, current.Prop("DeliveryAt")?.DateTimeOffsetValue))
            {
                return false;
            }

            var update = new DynamicTableEntity(outboxId, RowKey) { ETag = current.ETag };
            update.Properties["DeliveryStatus"] = new EntityProperty(eventType);
            update.Properties["DeliveryAt"] = new EntityProperty(at);
            try
            {
                await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(update), null, null, cancellationToken));
                return true;
            }
            catch (StorageException ex) when (StorageAccount.StatusOf(ex) is 412 or 404)
            {
                // Changed (or deleted) since we read it: decide again.
            }
        }

        throw new InvalidOperationException($"The delivery status of mail {outboxId} kept changing under us.");
    }

    private static string? ToJson(IReadOnlyDictionary<string, string>? values) =>
        values is null || values.Count == 0 ? null : JsonSerializer.Serialize(values);

    private static Dictionary<string, string>? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);

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
            Str("Language"))
        {
            ReplyTo = e.Prop("ReplyToEmail")?.StringValue is { Length: > 0 } replyTo ? new Recipient(replyTo, e.Prop("ReplyToName")?.StringValue) : null,
            Headers = FromJson(e.Prop("HeadersJson")?.StringValue),
            CustomArgs = FromJson(e.Prop("CustomArgsJson")?.StringValue),
        };
        return new OutboxRecord(
            mail,
            Str("State"),
            e.Prop("ClaimedUntil")?.DateTimeOffsetValue,
            e.Prop("Attempts")?.Int32Value ?? 0,
            e.ETag);
    }
}
