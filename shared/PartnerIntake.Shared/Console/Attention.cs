using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Console;

/// <summary>An inquiry's rows as the "needs attention" view reads them: its status, its latest assignment, its mails' trouble.</summary>
public sealed record AttentionRow(
    string Reference,
    string Status,
    string? LatestAssignmentState,
    DateTimeOffset? LatestEscalationDueAt,
    int FailedMails,
    int BouncedMails);

/// <summary>The states an operator works by (the inquiry list's "state" filter).</summary>
public static class WorkState
{
    public const string Awaiting = "awaiting";
    public const string Overdue = "overdue";
    public const string Accepted = "accepted";
    public const string Closed = "closed";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Awaiting, Overdue, Accepted, Closed, Failed];

    public static string Label(string state) => state switch
    {
        Awaiting => "Awaiting acceptance",
        Overdue => "Overdue",
        Accepted => "Accepted",
        Closed => "Closed",
        Failed => "Failed",
        _ => state,
    };

    /// <summary>
    /// Overdue: still routed, and its latest assignment is pending past its acknowledgement SLA (the escalation did not
    /// happen) or was handed on with nobody after it (no candidate left).
    /// </summary>
    public static bool IsOverdue(AttentionRow row, DateTimeOffset now) =>
        row.Status == InquiryStatus.Routed
        && (row.LatestAssignmentState == AssignmentState.Pending && row.LatestEscalationDueAt is { } due && due <= now
            || row.LatestAssignmentState is { } state && AssignmentStateMachine.HandsOn(state));

    /// <summary>Failed: routing failed, or one of its e-mails failed to send or bounced.</summary>
    public static bool IsFailed(AttentionRow row) =>
        row.Status == InquiryStatus.Failed || (row.Status != InquiryStatus.Closed && (row.FailedMails > 0 || row.BouncedMails > 0));
}

/// <summary>The dashboard's first section: counts an operator should act on, each linking to its list.</summary>
public sealed record NeedsAttention(int Overdue, int FailedMails, int Poison, int Bounced, bool Truncated)
{
    public int Total => Overdue + FailedMails + Poison + Bounced;
}

/// <summary>Reads every inquiry's attention row (an admin-only scan of Inquiries, bounded like the dashboard's).</summary>
public interface IAttentionSource
{
    Task<(IReadOnlyList<AttentionRow> Rows, bool Truncated)> ReadAttentionAsync(CancellationToken cancellationToken);
}

/// <summary>Counts what needs attention now; the lists behind the counts are the inquiry list's overdue and failed states and the poison page.</summary>
public sealed class AttentionQuery(IAttentionSource source, TimeProvider time)
{
    /// <param name="poison">The poison queues' lengths (the dashboard has read them already).</param>
    public async Task<NeedsAttention> GetAsync(IReadOnlyList<QueueCount> poison, CancellationToken cancellationToken)
    {
        var (rows, truncated) = await source.ReadAttentionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var poisonCount = poison.Sum(q => q.Messages);

        var open = rows.Where(r => r.Status != InquiryStatus.Closed).ToList();
        return new NeedsAttention(
            open.Count(r => WorkState.IsOverdue(r, now)),
            open.Sum(r => r.FailedMails),
            poisonCount,
            open.Sum(r => r.BouncedMails),
            truncated);
    }

    /// <summary>True when a mail record counts as failed: not sent, with an error from its last attempt.</summary>
    public static bool IsFailedMail(string? state, string? lastError) => state != OutboxState.Sent && !string.IsNullOrEmpty(lastError);

    public static bool IsBounced(string? deliveryStatus) => deliveryStatus is { } s && MailEventTypes.IsBounceOrDrop(s);
}
