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
    string ETag)
{
    /// <summary>The attempt that wrote the record claimed (routing's commit): it may send without claiming again.</summary>
    public string? ClaimedBy { get; init; }
}

public interface IMailOutbox
{
    /// <summary>
    /// Adds the message already claimed by the caller until <paramref name="claimUntil"/> (one write on the
    /// common path), or returns the record already there (first content wins) with Claimed = false.
    /// </summary>
    Task<(OutboxRecord Record, bool Claimed)> AddClaimedOrGetAsync(OutboundMail mail, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    /// <summary>Marks the record as being sent until <paramref name="until"/>; false if someone changed it first.</summary>
    Task<bool> TryClaimAsync(OutboxRecord record, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Records what became of claimed messages: sent (with the provider's id) or released for a later attempt (with
    /// the error). The messages of one inquiry are settled together, in one request.
    /// </summary>
    Task SettleAsync(IReadOnlyList<MailSettlement> settlements, CancellationToken cancellationToken);
}

/// <summary>The end of one send attempt: <see cref="Error"/> is null when the provider took the message.</summary>
public sealed record MailSettlement(string OutboxId, DateTimeOffset At, string? ProviderMessageId, string? Error)
{
    public bool Sent => Error is null;
}
