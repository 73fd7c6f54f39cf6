using Microsoft.Extensions.Logging;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Routing;

public enum RouteOutcome
{
    Routed,
    AlreadyRouted,
    NotFound,
}

/// <summary>
/// Routes one queued inquiry. Every step is idempotent (deterministic keys, insert-or-read), so an
/// at-least-once queue may deliver the same message any number of times: one assignment, one
/// assignment e-mail, one acknowledgement. On the last permitted attempt a failure marks the
/// inquiry 'failed' before the message goes to the poison queue.
/// </summary>
public sealed partial class RouteInquiry(
    IInquiryStore inquiries,
    IRoutingTablesSource routingTables,
    IAssignmentStore assignments,
    IDuplicateIndex duplicates,
    AssignmentLifecycle lifecycle,
    InquiryMails mails,
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
        var inquiry = await inquiries.GetAsync(reference, cancellationToken);
        if (inquiry is null)
        {
            // Its submission was rolled back after a queue failure, or the id is bogus: nothing to do.
            LogNotFound(reference);
            return RouteOutcome.NotFound;
        }

        // Routing is cheap and deterministic; insert-or-read saves a read on the common first delivery,
        // and on a replay the stored assignment (and its decision) wins.
        var tables = await routingTables.GetLiveAsync(cancellationToken);
        var assignment = await assignments.CreateOnceAsync(await NewAssignmentAsync(inquiry, tables), cancellationToken);

        var history = await HistoryAsync(inquiry, cancellationToken);
        var sentAssignment = await sender.SendOnceAsync(mails.Assignment(inquiry, assignment, history), cancellationToken);
        foreach (var collaborator in assignment.Decision.Collaborators)
        {
            if (tables.Entity(collaborator.Id) is { Contact.Length: > 0 } entity)
            {
                await sender.SendOnceAsync(mails.Collaborator(inquiry, assignment, collaborator, entity.Contact), cancellationToken);
            }
        }

        var sentAcknowledgement = await sender.SendOnceAsync(mails.Acknowledgement(inquiry, assignment), cancellationToken);
        if (assignment.State == AssignmentState.Pending)
        {
            await lifecycle.OpenAsync(assignment, "function:RouteInquiry", "queue", cancellationToken);
        }

        if (inquiry.Status == InquiryStatus.Received || inquiry.Status == InquiryStatus.Failed)
        {
            await inquiries.MarkRoutedAsync(reference, new AssigneeSummary(assignment.Assignee.Id, assignment.Assignee.Name, assignment.Assignee.Kind),
                assignment.Decision.Summary, time.GetUtcNow(), cancellationToken);
        }

        LogRouted(reference, assignment.Assignee.Id, assignment.Decision.TablesVersion);
        return sentAssignment || sentAcknowledgement || inquiry.Status is InquiryStatus.Received or InquiryStatus.Failed
            ? RouteOutcome.Routed
            : RouteOutcome.AlreadyRouted;
    }

    /// <summary>The movement's memory for the assignee: earlier inquiries from the same organisation or contact, and who handled them.</summary>
    private async Task<IReadOnlyList<string>> HistoryAsync(Inquiry inquiry, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var linked in await duplicates.LinkAsync(inquiry, cancellationToken))
        {
            var progress = await inquiries.GetProgressAsync(linked.Reference, cancellationToken);
            var handledBy = progress?.Assignee is { } a ? $", handled by {a.Name}" : "";
            lines.Add($"{linked.Reference} on {linked.ReceivedAt:yyyy-MM-dd} (same {linked.Matched}): {progress?.Status ?? "unknown"}{handledBy}");
        }

        return lines;
    }

    private Task<InquiryAssignment> NewAssignmentAsync(Inquiry inquiry, RoutingTables tables)
    {
        var decision = Router.Route(inquiry.Submission, tables);
        var entity = tables.Entity(decision.Primary.Id)!;
        return lifecycle.WithDeadlines(new InquiryAssignment(inquiry.Reference, 1, decision.Primary, entity.Contact, entity.AckSlaDays,
            AssignmentState.Pending, time.GetUtcNow(), decision));
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Inquiry {Reference} not found (its submission was rolled back); message completed without routing")]
    private partial void LogNotFound(string reference);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing inquiry {Reference} failed on attempt {DequeueCount}, the last one; marking it failed")]
    private partial void LogGivingUp(Exception ex, string reference, int dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not mark inquiry {Reference} failed")]
    private partial void LogMarkFailedFailed(Exception ex, string reference);
}
