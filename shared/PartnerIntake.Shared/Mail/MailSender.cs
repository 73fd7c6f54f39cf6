using Microsoft.Extensions.Logging;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// Sends a message at most once per outbox id: the outbox record is claimed (ETag) before the
/// transport is called and marked sent after. A retry finds it sent and does nothing. If a worker
/// dies between the provider accepting the message and the record being marked, the claim expires
/// and the message is sent again: the only window in which a duplicate is possible, since SendGrid
/// has no idempotency key.
/// </summary>
public sealed partial class MailSender(IMailOutbox outbox, IMailTransport transport, TimeProvider time, ILogger<MailSender> logger)
{
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    /// <returns>True if this call sent the message; false if it had been sent before.</returns>
    public async Task<bool> SendOnceAsync(OutboundMail mail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (record, claimed) = await outbox.AddClaimedOrGetAsync(mail, now, now + ClaimDuration, cancellationToken);
        if (!claimed)
        {
            if (record.State == OutboxState.Sent)
            {
                return false;
            }

            if (record.State == OutboxState.Sending && record.ClaimedUntil > now)
            {
                throw new MailInFlightException(mail.OutboxId);
            }

            if (!await outbox.TryClaimAsync(record, now + ClaimDuration, cancellationToken))
            {
                throw new MailInFlightException(mail.OutboxId);
            }
        }

        string? providerId;
        try
        {
            // Send what the outbox holds, not this call's rendering: a replay sends identical content.
            providerId = await transport.SendAsync(record.Mail, cancellationToken);
        }
        catch (Exception ex)
        {
            LogSendFailed(record.Mail.OutboxId, record.Mail.Kind, ex.GetType().Name);
            await outbox.ReleaseAsync(record.Mail.OutboxId, ex.GetType().Name, CancellationToken.None);
            throw;
        }

        await outbox.MarkSentAsync(record.Mail.OutboxId, providerId, time.GetUtcNow(), CancellationToken.None);
        LogSent(record.Mail.OutboxId, record.Mail.Kind);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {OutboxId} ({Kind}) sent")]
    private partial void LogSent(string outboxId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {OutboxId} ({Kind}) failed with {Error}; it will be retried")]
    private partial void LogSendFailed(string outboxId, string kind, string error);
}
