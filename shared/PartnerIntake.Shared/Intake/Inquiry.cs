namespace PartnerIntake.Shared.Intake;

public static class InquiryStatus
{
    public const string Received = "received";
    public const string Routed = "routed";
    public const string Accepted = "accepted";
    public const string Failed = "failed";

    /// <summary>An operator closed it (see <see cref="InquiryOutcome"/>); the partner sees only that it is closed.</summary>
    public const string Closed = "closed";
}

/// <summary>Why an operator closed an inquiry: internal, never on the partner's status page or API.</summary>
public static class InquiryOutcome
{
    public const string PartnershipAgreed = "partnership-agreed";
    public const string Declined = "declined";
    public const string NoReply = "no-reply";
    public const string Duplicate = "duplicate";
    public const string Spam = "spam";

    /// <summary>The partner withdrew it from their acknowledgement's link: not an operator's choice, so not in <see cref="All"/>.</summary>
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [PartnershipAgreed, Declined, NoReply, Duplicate, Spam];

    public static string Label(string outcome) => outcome switch
    {
        PartnershipAgreed => "Partnership agreed",
        Declined => "Declined",
        NoReply => "No reply",
        Duplicate => "Duplicate",
        Spam => "Spam",
        Withdrawn => "Withdrawn by the partner",
        _ => outcome,
    };
}

/// <summary>How and when an operator closed an inquiry (columns of the inquiry row; console only).</summary>
public sealed record InquiryClosure(string Outcome, DateTimeOffset ClosedAt, string ClosedBy);

/// <summary>The entity an inquiry was routed to, as the partner may see it (no personal data).</summary>
public sealed record AssigneeSummary(string Id, string Name, string Kind);

/// <summary>An inquiry as stored: the submission plus its progress.</summary>
public sealed record Inquiry(
    string Reference,
    InquirySubmission Submission,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? RoutedAt = null,
    AssigneeSummary? Assignee = null,
    string? Explanation = null,
    DateTimeOffset? FailedAt = null,
    Privacy.ConsentRecord? Consent = null);

/// <summary>The progress of an inquiry without its document: what the status endpoint shows.</summary>
public sealed record InquiryProgress(
    string Reference,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? RoutedAt,
    AssigneeSummary? Assignee,
    string? Explanation,
    DateTimeOffset? FailedAt)
{
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>
    /// The explanation as anyone with the reference may read it. Inquiries handed on before the public status stopped
    /// carrying affiliates' free text stored "declined by X: reason" (or "redirected by X: reason"): the reason is cut.
    /// </summary>
    public string? PublicExplanation =>
        Explanation is { } e
        && (e.StartsWith("declined by ", StringComparison.Ordinal) || e.StartsWith("redirected by ", StringComparison.Ordinal))
        && e.IndexOf(": ", StringComparison.Ordinal) is > 0 and var cut
            ? e[..cut]
            : Explanation;
}

/// <summary>The queue message: ids, not documents.</summary>
public sealed record InquiryQueued(string InquiryId);

public interface IInquiryStore
{
    /// <summary>Stores a new inquiry; throws <see cref="Storage.StorageUnavailableException"/> when storage fails.</summary>
    Task InsertAsync(Inquiry inquiry, CancellationToken cancellationToken);

    /// <summary>Loads the inquiry; throws <see cref="InquiryUnreadableException"/> when the stored document is corrupt.</summary>
    Task<Inquiry?> GetAsync(string reference, CancellationToken cancellationToken);

    Task<InquiryProgress?> GetProgressAsync(string reference, CancellationToken cancellationToken);

    Task DeleteAsync(string reference, CancellationToken cancellationToken);

    Task MarkRoutedAsync(string reference, AssigneeSummary assignee, string explanation, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkFailedAsync(string reference, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkAcceptedAsync(string reference, AssigneeSummary assignee, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every stored inquiry whose document is readable, for operator reports (a scan: never on a hot path).</summary>
    IAsyncEnumerable<Inquiry> ScanAsync(CancellationToken cancellationToken);
}

public interface IInquiryQueue
{
    Task EnqueueAsync(InquiryQueued message, CancellationToken cancellationToken);
}

public sealed class InquiryUnreadableException(string reference, Exception inner)
    : Exception($"Inquiry {reference} cannot be read.", inner);
