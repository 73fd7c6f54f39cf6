using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Outbox records: the rendered content — with reply-to, extra headers and custom args — so a retry resends it
/// unchanged, its send state, and the delivery status reported by the Event Webhook. An inquiry's messages
/// (outbox id <c>{reference}.{rest}</c>) live in the inquiry's partition of Inquiries (RowKey <c>mail|{rest}</c>),
/// so routing writes them in its transaction and settles them together; every other message (recognition
/// notices) has its own partition of MailOutbox (PartitionKey = outbox id, RowKey <c>mail</c>).
/// </summary>
public sealed class TableMailOutbox(StorageAccount storage) : IMailOutbox, IMailDeliveryStatus
{
    public const string RowPrefix = "mail|";

    // A string property holds at most 64 KiB (32K UTF-16 chars): long bodies are split across columns.
    private const int ChunkChars = 30_000;

    /// <summary>Where an outbox id's record is stored.</summary>
    public static (string Table, string PartitionKey, string RowKey) Address(string outboxId)
    {
        var dot = outboxId.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && InquiryReference.IsWellFormed(outboxId[..dot])
            ? (TableNames.Inquiries, outboxId[..dot], RowPrefix + outboxId[(dot + 1)..])
            : (TableNames.MailOutbox, outboxId, "mail");
    }

    public static string OutboxIdOf(TableEntity e) =>
        e.RowKey.StartsWith(RowPrefix, StringComparison.Ordinal) ? $"{e.PartitionKey}.{e.RowKey[RowPrefix.Length..]}" : e.PartitionKey;

    public async Task<(OutboxRecord Record, bool Claimed)> AddClaimedOrGetAsync(
        OutboundMail mail, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        var (table, pk, rk) = Address(mail.OutboxId);
        if (await storage.Table(table).TryAddAsync(NewRecord(mail, now, claimUntil), cancellationToken) is { } etag)
        {
            return (new OutboxRecord(mail, OutboxState.Sending, claimUntil, 1, etag.ToString()), true);
        }

        var existing = await storage.Table(table).FindAsync(pk, rk, cancellationToken)
            ?? throw new InvalidOperationException($"Outbox record {mail.OutboxId} vanished after a conflict.");
        return (FromEntity(existing), false);
    }

    public Task<bool> TryClaimAsync(OutboxRecord record, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var (table, pk, rk) = Address(record.Mail.OutboxId);
        var claim = new TableEntity(pk, rk)
        {
            ["State"] = OutboxState.Sending,
            ["ClaimedUntil"] = until,
            ["Attempts"] = record.Attempts + 1,
        };
        return storage.Table(table).TryUpdateAsync(claim, new ETag(record.ETag), TableUpdateMode.Merge, cancellationToken);
    }

    public async Task SettleAsync(IReadOnlyList<MailSettlement> settlements, CancellationToken cancellationToken)
    {
        // One transaction per partition (an inquiry's messages share one), at most 100 actions each.
        var groups = settlements
            .Select(s => (Settlement: s, Address: Address(s.OutboxId)))
            .GroupBy(x => (x.Address.Table, x.Address.PartitionKey));
        foreach (var group in groups)
        {
            foreach (var chunk in group.Chunk(100))
            {
                var actions = chunk.Select(x => new TableTransactionAction(
                    TableTransactionActionType.UpdateMerge, Settled(x.Address.PartitionKey, x.Address.RowKey, x.Settlement), ETag.All)).ToList();
                await StorageAccount.Guard(() => storage.Table(group.Key.Table).SubmitTransactionAsync(actions, cancellationToken));
            }
        }
    }

    public async Task<bool> RecordDeliveryAsync(string outboxId, string eventType, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (tableName, pk, rk) = Address(outboxId);
        var table = storage.Table(tableName);

        // Several events of one message may arrive at once (and out of order): read, decide, write with the ETag.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await table.FindAsync(pk, rk, cancellationToken, ["DeliveryStatus", "DeliveryAt"]);
            if (current is null)
            {
                return false;
            }

            if (!MailEventTypes.Supersedes(eventType, at, current.GetString("DeliveryStatus"), current.GetDateTimeOffset("DeliveryAt")))
            {
                return false;
            }

            var update = new TableEntity(pk, rk) { ["DeliveryStatus"] = eventType, ["DeliveryAt"] = at };
            if (await table.TryUpdateAsync(update, current.ETag, TableUpdateMode.Merge, cancellationToken))
            {
                return true;
            }

            // Changed (or deleted) since we read it: decide again.
        }

        throw new InvalidOperationException($"The delivery status of mail {outboxId} kept changing under us.");
    }

    /// <summary>A new record, claimed by its writer until <paramref name="claimUntil"/>.</summary>
    public static TableEntity NewRecord(OutboundMail mail, DateTimeOffset now, DateTimeOffset claimUntil, string? claimedBy = null)
    {
        var (_, pk, rk) = Address(mail.OutboxId);
        var e = new TableEntity(pk, rk)
            .With("Kind", mail.Kind)
            .With("ToEmail", mail.To.Email)
            .With("ToName", mail.To.Name)
            .With("Subject", mail.Subject)
            .With("Language", mail.Language)
            .With("ReplyToEmail", mail.ReplyTo?.Email)
            .With("ReplyToName", mail.ReplyTo?.Name)
            .With("HeadersJson", ToJson(mail.Headers))
            .With("CustomArgsJson", ToJson(mail.CustomArgs))
            .With("State", OutboxState.Sending)
            .With("ClaimedUntil", claimUntil)
            .With("Attempts", 1)
            .With("CreatedAt", now)
            .With("ClaimedBy", claimedBy);
        WriteChunks(e, "Text", mail.Text);
        WriteChunks(e, "Html", mail.Html);
        return e;
    }

    public static OutboxRecord FromEntity(TableEntity e)
    {
        string Str(string name) => e.GetString(name) ?? "";
        var mail = new OutboundMail(
            OutboxIdOf(e),
            Str("Kind"),
            new Recipient(Str("ToEmail"), e.GetString("ToName")),
            Str("Subject"),
            ReadChunks(e, "Text"),
            ReadChunks(e, "Html"),
            Str("Language"))
        {
            ReplyTo = e.GetString("ReplyToEmail") is { Length: > 0 } replyTo ? new Recipient(replyTo, e.GetString("ReplyToName")) : null,
            Headers = FromJson(e.GetString("HeadersJson")),
            CustomArgs = FromJson(e.GetString("CustomArgsJson")),
        };
        return new OutboxRecord(mail, Str("State"), e.GetDateTimeOffset("ClaimedUntil"), e.GetInt32("Attempts") ?? 0, e.ETag.ToString())
        {
            ClaimedBy = e.GetString("ClaimedBy"),
        };
    }

    private static TableEntity Settled(string pk, string rk, MailSettlement s) => s.Sent
        ? new TableEntity(pk, rk) { ["State"] = OutboxState.Sent, ["SentAt"] = s.At }.With("ProviderMessageId", s.ProviderMessageId)
        : new TableEntity(pk, rk) { ["State"] = OutboxState.Pending, ["LastError"] = s.Error };

    private static string? ToJson(IReadOnlyDictionary<string, string>? values) =>
        values is null || values.Count == 0 ? null : JsonSerializer.Serialize(values);

    private static Dictionary<string, string>? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);

    private static void WriteChunks(TableEntity entity, string name, string value)
    {
        var chunks = value.Chunk(ChunkChars).Select(c => new string(c)).ToList();
        entity[name + "Chunks"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[$"{name}{i}"] = chunks[i];
        }
    }

    private static string ReadChunks(TableEntity entity, string name)
    {
        var count = entity.GetInt32(name + "Chunks") ?? 0;
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append(entity.GetString($"{name}{i}"));
        }

        return builder.ToString();
    }
}
