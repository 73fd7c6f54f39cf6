namespace PartnerIntake.Shared.Console;

/// <summary>An outbox record without its body: to whom, what, and how far it got (claimed, sent, delivered, bounced).</summary>
public sealed record MailRecord(
    string OutboxId,
    string Kind,
    string ToEmail,
    string? ToName,
    string Subject,
    string Language,
    string State,
    int Attempts,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? SentAt,
    string? ProviderMessageId,
    string? DeliveryStatus,
    DateTimeOffset? DeliveryAt,
    string? LastError);

/// <summary>One SendGrid event stored for a message (no recipient address is stored).</summary>
public sealed record MailEventRecord(string EventId, string Type, DateTimeOffset At, string? Reason, string? SmtpStatus, string? BounceType);

public sealed record SentMail(MailRecord Record, IReadOnlyList<MailEventRecord> Events);

/// <summary>Reads of the MailOutbox and MailEvents tables for the console.</summary>
public interface IMailRecords
{
    /// <summary>Every message of an inquiry (outbox ids <c>{reference}.…</c>: one partition range), oldest first, with their events.</summary>
    Task<IReadOnlyList<SentMail>> ForInquiryAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The records of these outbox ids that exist (point reads).</summary>
    Task<IReadOnlyDictionary<string, MailRecord>> GetManyAsync(IEnumerable<string> outboxIds, CancellationToken cancellationToken);
}
