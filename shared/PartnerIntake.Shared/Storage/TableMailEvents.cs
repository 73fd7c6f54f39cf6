using System.Security.Cryptography;
using System.Text;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// MailEvents table: PartitionKey = outbox id (the event's <c>outbox_id</c> custom arg; else <c>sg-</c> + the
/// X-Message-Id part of sg_message_id), RowKey = sg_event_id. Insert-once: a second post of the same event finds
/// the row. No recipient address is stored; SMTP reasons have addresses replaced by [address].
/// </summary>
public sealed class TableMailEvents(StorageAccount storage) : IMailEventStore
{
    private CloudTable Table => storage.Table(TableNames.MailEvents);

    public async Task<MailEventAdd> AddAsync(MailEvent mailEvent, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(Key(mailEvent.Partition), Key(mailEvent.EventId));
        e.Properties["Event"] = new EntityProperty(mailEvent.Type);
        e.Properties["At"] = new EntityProperty(mailEvent.At);
        e.Properties["EventId"] = new EntityProperty(mailEvent.EventId);
        e.Properties["OutboxId"] = new EntityProperty(mailEvent.OutboxId);
        e.Properties["MessageId"] = new EntityProperty(mailEvent.MessageId);
        e.Properties["DonationId"] = new EntityProperty(mailEvent.DonationId);
        e.Properties["Reason"] = new EntityProperty(mailEvent.Reason);
        e.Properties["SmtpStatus"] = new EntityProperty(mailEvent.SmtpStatus);
        e.Properties["BounceType"] = new EntityProperty(mailEvent.BounceType);
        e.Properties["ReceivedAt"] = new EntityProperty(receivedAt);
        e.Properties["Applied"] = new EntityProperty(false);
        try
        {
            await StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Insert(e), null, null, cancellationToken));
            return MailEventAdd.New;
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 409)
        {
            var existing = await StorageAccount.Guard(() => Table.ExecuteAsync(
                TableOperation.Retrieve<DynamicTableEntity>(e.PartitionKey, e.RowKey, ["Applied"]), null, null, cancellationToken));
            return (existing.Result as DynamicTableEntity)?.Prop("Applied")?.BooleanValue == true ? MailEventAdd.SeenApplied : MailEventAdd.SeenNotApplied;
        }
    }

    public Task MarkAppliedAsync(MailEvent mailEvent, CancellationToken cancellationToken)
    {
        var e = new DynamicTableEntity(Key(mailEvent.Partition), Key(mailEvent.EventId)) { ETag = "*" };
        e.Properties["Applied"] = new EntityProperty(true);
        return StorageAccount.Guard(() => Table.ExecuteAsync(TableOperation.Merge(e), null, null, cancellationToken));
    }

    /// <summary>Table keys may not hold / \ # ? or control characters and are at most 1 KiB: such values are hashed.</summary>
    public static string Key(string value) =>
        value.Length is > 0 and <= 400 && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? value
            : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
