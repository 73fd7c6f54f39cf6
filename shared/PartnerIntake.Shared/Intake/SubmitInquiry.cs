using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Shared.Intake;

public abstract record SubmitOutcome
{
    public sealed record Accepted(string Reference) : SubmitOutcome;

    /// <summary>Storage failed; nothing was accepted and the client should retry.</summary>
    public sealed record Unavailable : SubmitOutcome;

    /// <summary>The Idempotency-Key was used before for a different inquiry.</summary>
    public sealed record KeyReused : SubmitOutcome;

    /// <summary>The client used up its submissions for this window (<see cref="IntakeOptions.PermitLimit"/>): nothing stored.</summary>
    public sealed record Limited(DateTimeOffset RetryAt) : SubmitOutcome;
}

/// <summary>
/// Stores then queues an inquiry. The table write comes first so that a queued id always has a
/// document behind it; if the queue write fails, the stored row is removed again and the caller is
/// told to retry, so a 202 is only ever given for an inquiry that is both stored and queued.
/// </summary>
public sealed partial class SubmitInquiry(
    IInquiryStore store,
    IInquiryQueue queue,
    IIdempotencyStore idempotency,
    ISubmissionLimiter limiter,
    TimeProvider time,
    ILogger<SubmitInquiry> logger,
    RetentionSchedule retention,
    IOptions<PrivacyOptions> privacy,
    Privacy.IPersonalDataIndex? personalData = null)
{
    /// <param name="idempotencyKey">
    /// The client's Idempotency-Key: a retry with the same key and the same inquiry gets the same
    /// reference and creates nothing new (a half-done first attempt is completed).
    /// </param>
    /// <param name="client">Who the submission counts against (<see cref="ClientAddress"/>), for the API and the form alike.</param>
    public async Task<SubmitOutcome> SubmitAsync(InquirySubmission submission, string? idempotencyKey, string client, CancellationToken cancellationToken)
    {
        try
        {
            // Before anything is written: over the limit nothing is stored and no mail follows.
            var decision = await limiter.TryAcquireAsync(client, cancellationToken);
            if (!decision.Allowed)
            {
                LogLimited(decision.WindowEnds);
                return new SubmitOutcome.Limited(decision.WindowEnds);
            }
        }
        catch (StorageUnavailableException ex)
        {
            LogStoreFailed(ex);
            return new SubmitOutcome.Unavailable();
        }

        var reference = InquiryReference.New();
        IdempotencyClaim? claim = null;
        if (idempotencyKey is not null)
        {
            claim = IdempotencyClaim.For(idempotencyKey, submission);
            try
            {
                var (claimed, bodyHash) = await idempotency.ClaimAsync(claim, reference, time.GetUtcNow(), cancellationToken);
                if (bodyHash != claim.BodyHash)
                {
                    return new SubmitOutcome.KeyReused();
                }

                if (claimed != reference && await store.GetProgressAsync(claimed, cancellationToken) is { } existing)
                {
                    LogReplayed(existing.Reference);
                    await queue.EnqueueAsync(new InquiryQueued(existing.Reference), cancellationToken); // routing is idempotent
                    return new SubmitOutcome.Accepted(existing.Reference);
                }

                reference = claimed;
            }
            catch (StorageUnavailableException ex)
            {
                LogStoreFailed(ex);
                return new SubmitOutcome.Unavailable();
            }
        }

        var now = time.GetUtcNow();
        var inquiry = new Inquiry(reference, submission, InquiryStatus.Received, now, Consent: new ConsentRecord(privacy.Value.ConsentVersion, now));
        try
        {
            await retention.InquirySubmittedAsync(reference, now, cancellationToken); // first: an entry without its inquiry erases nothing
            // Indexed before it is stored, so erasure and export always find it (Privacy).
            if (personalData is not null)
            {
                await personalData.AddAsync(submission.Contact.Email, new(Privacy.PersonalDataEntry.Inquiry, reference, claim?.KeyHash), cancellationToken);
            }

            await store.InsertAsync(inquiry, cancellationToken);
        }
        catch (StorageUnavailableException ex)
        {
            LogStoreFailed(ex);
            return new SubmitOutcome.Unavailable();
        }

        try
        {
            await queue.EnqueueAsync(new InquiryQueued(inquiry.Reference), cancellationToken);
        }
        catch (StorageUnavailableException ex)
        {
            LogQueueFailed(ex, inquiry.Reference);
            await CompensateAsync(inquiry.Reference);
            return new SubmitOutcome.Unavailable();
        }

        LogAccepted(inquiry.Reference, submission.Organization.Country, submission.Topics.Count);
        return new SubmitOutcome.Accepted(inquiry.Reference);
    }

    private async Task CompensateAsync(string reference)
    {
        try
        {
            // Not the request's token: the client may have gone, the cleanup must still happen.
            await store.DeleteAsync(reference, CancellationToken.None);
        }
        catch (StorageUnavailableException ex)
        {
            // The row stays in status 'received' without a queue message; RouteInquiry's
            // admin trigger (or a replay) can still route it. Logged so an operator can see it.
            LogCompensationFailed(ex, reference);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inquiry {Reference} accepted (country {Country}, {TopicCount} topics)")]
    private partial void LogAccepted(string reference, string country, int topicCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inquiry refused: the client's submissions for this window are used up (until {WindowEnds}); nothing stored")]
    private partial void LogLimited(DateTimeOffset windowEnds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inquiry {Reference} submitted again with the same Idempotency-Key; answering with the first reference")]
    private partial void LogReplayed(string reference);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a new inquiry failed; answering 503")]
    private partial void LogStoreFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queueing inquiry {Reference} failed; removing the stored row and answering 503")]
    private partial void LogQueueFailed(Exception ex, string reference);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Inquiry {Reference} is stored but neither queued nor removed; route it with POST /admin/functions/RouteInquiry")]
    private partial void LogCompensationFailed(Exception ex, string reference);
}
