using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// MailEvents table: PartitionKey = outbox id (the event's <c>outbox_id</c> custom arg; else <c>sg-</c> + the
/// X-Message-Id part of sg_message_id), RowKey = sg_event_id. Insert-once: a second post of the same event finds
/// the row. No recipient address is stored; SMTP reasons have addresses replaced by [address].
/// </summary>
public sealed class TableMailEvents(StorageAccount storage) : IMailEventStore
{
    private TableClient Table => storage.Table(TableNames.MailEvents);

    public async Task<MailEventAdd> AddAsync(MailEvent mailEvent, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var e = new TableEntity(Key(mailEvent.Partition), Key(mailEvent.EventId))
        {
            ["Event"] = mailEvent.Type,
            ["At"] = mailEvent.At,
            ["EventId"] = mailEvent.EventId,
            ["ReceivedAt"] = receivedAt,
            ["Applied"] = false,
        };
        e.With("OutboxId", mailEvent.OutboxId)
            .With("MessageId", mailEvent.MessageId)
            .With("DonationId", mailEvent.DonationId)
            .With("Reason", mailEvent.Reason)
            .With("SmtpStatus", mailEvent.SmtpStatus)
            .With("BounceType", mailEvent.BounceType);
        if (await Table.TryAddAsync(e, cancellationToken) is not null)
        {
            return MailEventAdd.New;
        }

        var existing = await Table.FindAsync(e.PartitionKey, e.RowKey, cancellationToken, ["Applied"]);
        return existing?.GetBoolean("Applied") == true ? MailEventAdd.SeenApplied : MailEventAdd.SeenNotApplied;
    }

    public Task MarkAppliedAsync(MailEvent mailEvent, CancellationToken cancellationToken)
    {
        var e = new TableEntity(Key(mailEvent.Partition), Key(mailEvent.EventId)) { ["Applied"] = true };

        // Unconditional merge; a missing row (404) is an error, as before.
        return StorageAccount.Guard(() => Table.UpdateEntityAsync(e, ETag.All, TableUpdateMode.Merge, cancellationToken));
    }

    /// <summary>Table keys may not hold / \ # ? or control characters and are at most 1 KiB: such values are hashed.</summary>
    public static string Key(string value) =>
        value.Length is > 0 and <= 400 && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? value
            : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
