using Microsoft.Extensions.Logging;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Shared.Routing;

public enum RouteOutcome
{
    Routed,
    AlreadyRouted,
    NotFound,
}

/// <summary>
/// Routes one queued inquiry: reads its partition, decides, schedules the first reminder, then commits the
/// decision, the assignment, its audit entry and the e-mails (claimed by this attempt) in one transaction, sends
/// the e-mails and settles them in one more write. Nothing is half-written: a failed commit leaves the inquiry as it
/// was and the retried message routes it afresh; a message delivered again after the commit finds the assignment
/// and only sends what is not sent yet. On the last permitted attempt a failure marks the inquiry 'failed' before
/// the message goes to the poison queue.
/// </summary>
public sealed partial class RouteInquiry(
    IRoutingStore store,
    IInquiryStore inquiries,
    IRoutingTablesSource routingTables,
    IDuplicateIndex duplicates,
    IDueActions due,
    AssignmentLifecycle lifecycle,
    InquiryMails mails,
    IAcknowledgementCap acknowledgements,
    MailSender sender,
    TimeProvider time,
    ILogger<RouteInquiry> logger)
{
    public async Task<RouteOutcome> RouteAsync(string reference, int dequeueCount, int maxDequeueCount, CancellationToken cancellationToken)
    {
        try
        {
            return await RouteOnceAsync(reference, cancellationToken);
        }
        catch (Exception ex) when (dequeueCount >= maxDequeueCount && ex is not OperationCanceledException)
        {
            LogGivingUp(ex, reference, dequeueCount);
            await MarkFailedAsync(reference);
            throw;
        }
    }

    private async Task<RouteOutcome> RouteOnceAsync(string reference, CancellationToken cancellationToken)
    {
        // Records this attempt claims in its commit: if the commit's answer is lost, a re-read shows them as ours.
        var attempt = Guid.NewGuid().ToString("N");
        for (var tries = 0; tries < 3; tries++)
        {
            var snapshot = await store.LoadAsync(reference, cancellationToken);
            if (snapshot is null)
            {
                // Its submission was rolled back after a queue failure, or the id is bogus: nothing to do.
                LogNotFound(reference);
                return RouteOutcome.NotFound;
            }

            if (snapshot.Assignments.Count > 0)
            {
                return await CompleteAsync(snapshot, attempt, cancellationToken);
            }

            var (assignment, claimed) = await CommitAsync(snapshot, attempt, cancellationToken);
            if (claimed is not null)
            {
                await sender.SendClaimedAsync(claimed, cancellationToken);
                LogRouted(reference, assignment.Assignee.Id, assignment.Decision.TablesVersion);
                return RouteOutcome.Routed;
            }

            // Nothing was written: the inquiry changed since we read it, or another attempt routed it. Read again.
        }

        throw new InvalidOperationException($"Inquiry {reference} kept changing while it was routed.");
    }

    /// <summary>Decides and writes everything routing produces; null when another attempt committed first.</summary>
    private async Task<(InquiryAssignment Assignment, IReadOnlyList<OutboxRecord>? Claimed)> CommitAsync(
        RoutingSnapshot snapshot, string attempt, CancellationToken cancellationToken)
    {
        var inquiry = snapshot.Inquiry;
        var tables = await routingTables.GetLiveAsync(cancellationToken);
        var now = time.GetUtcNow();
        var decision = Router.Route(inquiry.Submission, tables);
        var entity = tables.Entity(decision.Primary.Id)!;
        var assignment = lifecycle.WithDeadlines(new InquiryAssignment(inquiry.Reference, 1, decision.Primary, entity.Contact, entity.AckSlaDays,
            AssignmentState.Pending, now, decision));

        // Linked, never blocking: the assignee learns of earlier inquiries from the same partner.
        var history = await duplicates.LinkAsync(inquiry, assignment.Assignee.Name, cancellationToken);
        var outbox = new List<OutboundMail> { mails.Assignment(inquiry, assignment, entity.Languages, history) };
        outbox.AddRange(assignment.Decision.Collaborators
            .Select(c => (Collaborator: c, Entity: tables.Entity(c.Id)))
            .Where(c => c.Entity is { Contact.Length: > 0 })
            .Select(c => mails.Collaborator(inquiry, assignment, c.Collaborator, c.Entity!)));
        // Never more than the daily cap to one address, whoever submits: the inquiry is routed all the same.
        // An inquiry whose contact was erased before it was routed (withdrawn, or an erasure request) has no one to acknowledge.
        var erased = inquiry.Submission.Contact.Email == Erased.Marker;
        var acknowledge = !erased && await acknowledgements.TryCountAsync(inquiry.Submission.Contact.Email, inquiry.Reference, cancellationToken);
        if (acknowledge)
        {
            outbox.Add(mails.Acknowledgement(inquiry, assignment));
        }
        else if (!erased)
        {
            LogAcknowledgementWithheld(inquiry.Reference);
        }

        // Scheduled before the commit: a committed assignment always has its reminder. A commit that fails leaves a
        // due row without an assignment, which the timer drops.
        await due.ScheduleAsync(lifecycle.FirstDeadline(assignment), cancellationToken);
        var assigned = lifecycle.AssignedEntry(assignment, "function:RouteInquiry", "queue");
        if (!acknowledge)
        {
            // The trail says why there is no acknowledgement.
            assigned = assigned with { Reason = erased ? ErasedReason : AcknowledgementAddress.WithheldReason };
        }

        return (assignment, await store.TryCommitAsync(snapshot, new RoutingOutcome(assignment, assigned, outbox, now, attempt), now + MailSender.ClaimDuration, cancellationToken));
    }

    public const string ErasedReason = "no acknowledgement: the partner's contact details were erased before routing";

    /// <summary>A delivery after the commit: sends the routing e-mails that are not sent yet (the outbox holds their content).</summary>
    private async Task<RouteOutcome> CompleteAsync(RoutingSnapshot snapshot, string attempt, CancellationToken cancellationToken)
    {
        var reference = snapshot.Inquiry.Reference;
        var now = time.GetUtcNow();
        var unsent = snapshot.Mails
            .Where(m => m.State != OutboxState.Sent && IsRoutingMail(reference, m.Mail.OutboxId))
            .ToList();
        foreach (var record in unsent.Where(r => r.ClaimedBy != attempt))
        {
            await sender.ClaimAsync(record, now, cancellationToken);
        }

        var sent = await sender.SendClaimedAsync(unsent, cancellationToken);
        var first = snapshot.Assignments[0];
        if (snapshot.Inquiry.Status is InquiryStatus.Received or InquiryStatus.Failed)
        {
            // Marked failed by an earlier last attempt (a mail provider outage): routed now that its mails went out.
            await inquiries.MarkRoutedAsync(reference, new AssigneeSummary(first.Assignee.Id, first.Assignee.Name, first.Assignee.Kind),
                first.Decision.Summary, now, cancellationToken);
        }

        LogCompleted(reference, sent);
        return sent > 0 || snapshot.Inquiry.Status is InquiryStatus.Received or InquiryStatus.Failed ? RouteOutcome.Routed : RouteOutcome.AlreadyRouted;
    }

    private static bool IsRoutingMail(string reference, string outboxId) =>
        outboxId == InquiryMails.AssignmentOutboxId(reference, 1)
        || outboxId == InquiryMails.AcknowledgementOutboxId(reference)
        || outboxId.StartsWith(InquiryMails.CollaboratorOutboxPrefix(reference, 1), StringComparison.Ordinal);

    private async Task MarkFailedAsync(string reference)
    {
        try
        {
            await inquiries.MarkFailedAsync(reference, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The message still goes to the poison queue; the status stays as it was.
            LogMarkFailedFailed(ex, reference);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inquiry {Reference} routed to {EntityId} (tables {TablesVersion})")]
    private partial void LogRouted(string reference, string entityId, string tablesVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inquiry {Reference}: acknowledgement withheld (daily limit per address reached); routed all the same")]
    private partial void LogAcknowledgementWithheld(string reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inquiry {Reference} was routed before; {Sent} of its e-mails sent now")]
    private partial void LogCompleted(string reference, int sent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inquiry {Reference} not found (its submission was rolled back); message completed without routing")]
    private partial void LogNotFound(string reference);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing inquiry {Reference} failed on attempt {DequeueCount}, the last one; marking it failed")]
    private partial void LogGivingUp(Exception ex, string reference, int dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not mark inquiry {Reference} failed")]
    private partial void LogMarkFailedFailed(Exception ex, string reference);
}
