namespace PartnerIntake.Shared.Mail;

public static class OutboxState
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
}

public sealed record OutboxRecord(
    OutboundMail Mail,
    string State,
    DateTimeOffset? ClaimedUntil,
    int Attempts,
    string ETag);

public interface IMailOutbox
{
    /// <summary>Adds the message as pending, or returns the record already there (first content wins).</summary>
    Task<OutboxRecord> GetOrAddAsync(OutboundMail mail, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks the record as being sent until <paramref name="until"/>; false if someone changed it first.</summary>
    Task<bool> TryClaimAsync(OutboxRecord record, DateTimeOffset until, CancellationToken cancellationToken);

    Task MarkSentAsync(string outboxId, string? providerMessageId, DateTimeOffset at, CancellationToken cancellationToken);

    Task ReleaseAsync(string outboxId, string error, CancellationToken cancellationToken);
}
