using Microsoft.Extensions.Logging;
using PartnerIntake.Shared.Telemetry;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// Sends a message at most once per outbox id: the outbox record is claimed (ETag) before the
/// transport is called and settled (sent, or released with the error) after. A retry finds it sent and does
/// nothing. If a worker dies between the provider accepting the message and the record being settled, the claim
/// expires after <see cref="ClaimDuration"/> and the message is sent again: the only window in which a duplicate
/// is possible, since SendGrid has no idempotency key.
/// </summary>
public sealed partial class MailSender(
    IMailOutbox outbox, IMailTransport transport, TimeProvider time, ILogger<MailSender> logger, PartnerIntakeMetrics? metrics = null)
{
    /// <summary>
    /// Longer than a transport may spend on one message (<see cref="SendGridResilience.MaxTotalTime"/>, rate-limit waits
    /// included): a claim that ran out while its worker still waited to send would let another worker send it too.
    /// </summary>
    public static readonly TimeSpan ClaimDuration = SendGridResilience.MaxTotalTime + TimeSpan.FromMinutes(1);

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

            await ClaimAsync(record, now, cancellationToken);
        }

        return await SendClaimedAsync([record], cancellationToken) == 1;
    }

    /// <summary>Claims a stored record that is not sent; throws <see cref="MailInFlightException"/> if another worker holds it.</summary>
    public async Task ClaimAsync(OutboxRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (record.State == OutboxState.Sending && record.ClaimedUntil > now)
        {
            throw new MailInFlightException(record.Mail.OutboxId);
        }

        if (!await outbox.TryClaimAsync(record, now + ClaimDuration, cancellationToken))
        {
            throw new MailInFlightException(record.Mail.OutboxId);
        }
    }

    /// <summary>
    /// Sends records this worker has claimed — in parallel — and settles them all in one write (one request for an
    /// inquiry's messages). If any send failed, the others stay sent and the first failure is rethrown after settling.
    /// </summary>
    /// <returns>How many were sent.</returns>
    public async Task<int> SendClaimedAsync(IReadOnlyList<OutboxRecord> claimed, CancellationToken cancellationToken)
    {
        if (claimed.Count == 0)
        {
            return 0;
        }

        // Send what the outbox holds, not this call's rendering: a replay sends identical content.
        var attempts = await Task.WhenAll(claimed.Select(async record =>
        {
            try
            {
                var providerId = await transport.SendAsync(record.Mail, cancellationToken);
                return (Settlement: new MailSettlement(record.Mail.OutboxId, time.GetUtcNow(), providerId, null), Failure: (Exception?)null);
            }
            catch (Exception ex)
            {
                LogSendFailed(record.Mail.OutboxId, record.Mail.Kind, ex.GetType().Name);
                return (Settlement: new MailSettlement(record.Mail.OutboxId, time.GetUtcNow(), null, ex.GetType().Name), Failure: ex);
            }
        }));

        // Not the caller's token: what the provider accepted must be recorded even if the caller gave up.
        await outbox.SettleAsync(attempts.Select(a => a.Settlement).ToList(), CancellationToken.None);
        foreach (var (settlement, error) in attempts)
        {
            var kind = claimed.First(r => r.Mail.OutboxId == settlement.OutboxId).Mail.Kind;
            if (error is null)
            {
                LogSent(settlement.OutboxId, kind);
                metrics?.MailSent(kind);
            }
            else
            {
                metrics?.MailFailed(kind);
            }
        }

        if (attempts.FirstOrDefault(a => a.Failure is not null).Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return attempts.Length;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {OutboxId} ({Kind}) sent")]
    private partial void LogSent(string outboxId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {OutboxId} ({Kind}) failed with {Error}; it will be retried")]
    private partial void LogSendFailed(string outboxId, string kind, string error);
}
