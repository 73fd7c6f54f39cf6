using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Routing;

/// <summary>What routing reads before it acts, in one request: the inquiry (and its ETag), its assignments and its mails.</summary>
public sealed record RoutingSnapshot(Inquiry Inquiry, string ETag, IReadOnlyList<InquiryAssignment> Assignments, IReadOnlyList<OutboxRecord> Mails);

/// <summary>What routing produces for an inquiry: written together, all or nothing, the mails claimed by <see cref="Attempt"/>.</summary>
public sealed record RoutingOutcome(InquiryAssignment Assignment, AuditEntry Assigned, IReadOnlyList<OutboundMail> Mails, DateTimeOffset At, string Attempt);

public interface IRoutingStore
{
    /// <summary>The inquiry's partition; null when there is no such inquiry.</summary>
    Task<RoutingSnapshot?> LoadAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: the inquiry marked routed (if unchanged since the snapshot), the assignment, its audit entry
    /// and the outbox records, claimed by the caller until <paramref name="claimUntil"/>. Returns those records, or null
    /// when someone else changed the inquiry or routed it first (nothing is written then).
    /// </summary>
    Task<IReadOnlyList<OutboxRecord>?> TryCommitAsync(RoutingSnapshot snapshot, RoutingOutcome outcome, DateTimeOffset claimUntil, CancellationToken cancellationToken);
}
