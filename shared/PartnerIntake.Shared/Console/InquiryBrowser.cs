using System.Globalization;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Shared.Console;

/// <summary>
/// What the inquiry list is narrowed to; every part optional. Dates are whole UTC days, both ends included. Status,
/// country and assignee are matched exactly (country case-insensitively); topic matches any of the inquiry's topics.
/// <see cref="Search"/> matches the organisation's name or the reference (case-insensitive, anywhere in either);
/// <see cref="State"/> is one of <see cref="WorkState.All"/>. Without a state, inquiries closed as spam are left out.
/// </summary>
public sealed record InquiryFilter(
    string? Status = null,
    string? Country = null,
    string? Topic = null,
    string? AssignedEntityId = null,
    DateOnly? ReceivedFrom = null,
    DateOnly? ReceivedTo = null,
    string? State = null,
    string? Search = null)
{
    /// <summary>The longest search text taken; a longer one is cut (no name or reference is that long).</summary>
    public const int MaxSearchLength = 200;

    /// <summary>Blank parts removed, the country upper-cased: what the storage query receives.</summary>
    public InquiryFilter Normalised() => new(
        Blank(Status)?.ToLowerInvariant(),
        Blank(Country)?.ToUpperInvariant(),
        Blank(Topic)?.ToLowerInvariant(),
        Blank(AssignedEntityId),
        ReceivedFrom,
        ReceivedTo,
        Blank(State)?.ToLowerInvariant() is { } state && WorkState.All.Contains(state) ? state : null,
        Blank(Search) is { } search ? search[..Math.Min(search.Length, MaxSearchLength)] : null);

    /// <summary>The row's columns match (the overdue and failed states also need the inquiry's assignments and mails: see <see cref="InquiryBrowser"/>).</summary>
    public bool Matches(InquiryRow row) =>
        (Status is null || row.Status == Status)
        && (Country is null || string.Equals(row.Country, Country, StringComparison.OrdinalIgnoreCase))
        && (Topic is null || row.Topics.Contains(Topic, StringComparer.Ordinal))
        && (AssignedEntityId is null || row.Assignee?.Id == AssignedEntityId)
        && (ReceivedFrom is null || DateOnly.FromDateTime(row.ReceivedAt.UtcDateTime) >= ReceivedFrom)
        && (ReceivedTo is null || DateOnly.FromDateTime(row.ReceivedAt.UtcDateTime) <= ReceivedTo)
        && MatchesState(row)
        && MatchesSearch(row);

    private bool MatchesState(InquiryRow row) => State switch
    {
        null => row.Outcome != InquiryOutcome.Spam,
        WorkState.Awaiting or WorkState.Overdue => row.Status == InquiryStatus.Routed,
        WorkState.Accepted => row.Status == InquiryStatus.Accepted,
        WorkState.Closed => row.Status == InquiryStatus.Closed,
        WorkState.Failed => row.Status != InquiryStatus.Closed,
        _ => true,
    };

    private bool MatchesSearch(InquiryRow row) =>
        Search is null
        || row.Reference.Contains(Search, StringComparison.OrdinalIgnoreCase)
        || row.Submission?.Organization.Name.Contains(Search, StringComparison.OrdinalIgnoreCase) == true;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>An inquiry's columns (no document): what the list sorts and filters on.</summary>
public sealed record InquiryRow(
    string Reference,
    string Status,
    DateTimeOffset ReceivedAt,
    string Country,
    IReadOnlyList<string> Topics,
    AssigneeSummary? Assignee,
    DateTimeOffset? RoutedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? FailedAt)
{
    /// <summary>The partner's submission, when it was asked for and is readable.</summary>
    public InquirySubmission? Submission { get; init; }

    /// <summary>Why an operator closed it (<see cref="InquiryOutcome"/>); null while open.</summary>
    public string? Outcome { get; init; }
}

/// <summary>One line of the inquiry list: the row plus the organisation (null when the stored document is unreadable).</summary>
public sealed record InquiryListItem(InquiryRow Row, string? OrganizationName, string? OrganizationType);

public sealed record InquiryPage(IReadOnlyList<InquiryListItem> Items, int Page, int PageSize, int Total, bool Truncated)
{
    public int TotalPages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < TotalPages;
}

/// <summary>
/// Admin-only reads of the Inquiries table. It is keyed by reference (every hot-path read is a point read), so a list is
/// a scan: status, country, assignee and date range are filtered by the service, topic here; the scan stops after
/// <c>maxRows</c> matches and says so.
/// </summary>
public interface IInquiryQueries
{
    Task<(IReadOnlyList<InquiryRow> Rows, bool Truncated)> FindAsync(InquiryFilter filter, bool withSubmissions, int maxRows, CancellationToken cancellationToken);
}

/// <summary>Inquiries sharing a duplicate key (organisation, website, contact) with this one, earlier or later. Read only.</summary>
public interface IDuplicateLookup
{
    Task<IReadOnlyList<LinkedInquiry>> FindLinkedAsync(InquirySubmission submission, string reference, CancellationToken cancellationToken);
}

/// <summary>Everything kept about one inquiry, for its detail page.</summary>
public sealed record InquiryDetail(
    InquiryProgress Progress,
    Inquiry? Inquiry,
    IReadOnlyList<InquiryAssignment> Assignments,
    IReadOnlyList<AuditEntry> AuditTrail,
    IReadOnlyList<LinkedInquiry> LinkedInquiries,
    IReadOnlyList<SentMail> Mails)
{
    /// <summary>True when the stored document cannot be read (the inquiry then shows its progress only).</summary>
    public bool Unreadable => Inquiry is null;

    /// <summary>The routing decision: rules matched, inputs seen, candidates passed over, tables version (the first assignment's).</summary>
    public RoutingDecision? Routing => Assignments.Count == 0 ? null : Assignments[0].Decision;

    /// <summary>The assignment the inquiry is with now.</summary>
    public InquiryAssignment? Current => Assignments.Count == 0 ? null : Assignments[^1];
}

/// <summary>The inquiry browser: filtered, paged list (newest first), CSV export, and the detail of one inquiry.</summary>
public sealed class InquiryBrowser(
    IInquiryQueries queries,
    IInquiryStore inquiries,
    IAssignmentStore assignments,
    IAuditTrail audit,
    IDuplicateLookup duplicates,
    IMailRecords mails,
    IAttentionSource? attention = null,
    TimeProvider? time = null)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>How many matching inquiries a list or export reads at most; beyond it the result says Truncated (narrow the filter).</summary>
    public const int MaxRows = 10_000;

    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "reference", "received_at", "status", "organization", "organization_type", "country", "subdivision", "topics", "scale",
        "agreement", "content_languages", "assignee_id", "assignee_name", "assignee_kind", "routed_at", "accepted_at", "failed_at",
    ];

    /// <summary>One page (1-based; clamped to the pages there are) of the matching inquiries, newest first.</summary>
    public async Task<InquiryPage> ListAsync(InquiryFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize);
        var (rows, truncated) = await FindAsync(filter.Normalised(), withSubmissions: false, cancellationToken);
        var sorted = Newest(rows);
        var pages = Math.Max(1, (sorted.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var slice = sorted.Skip((page - 1) * pageSize).Take(pageSize).ToList();

        // The organisation is in the document, not a column: read only this page's documents (point reads).
        var items = await Task.WhenAll(slice.Select(async row =>
        {
            try
            {
                var inquiry = await inquiries.GetAsync(row.Reference, cancellationToken);
                return new InquiryListItem(row, inquiry?.Submission.Organization.Name, inquiry?.Submission.Organization.Type);
            }
            catch (InquiryUnreadableException)
            {
                return new InquiryListItem(row, null, null);
            }
        }));
        return new InquiryPage(items, page, pageSize, sorted.Count, truncated);
    }

    /// <summary>
    /// The matching inquiries as CSV (header first, newest first). No contact name or e-mail: the export is about
    /// partnerships, and a file travels further than a page. Returns whether the list was truncated at <see cref="MaxRows"/>.
    /// </summary>
    public async Task<bool> ExportCsvAsync(InquiryFilter filter, Stream output, CancellationToken cancellationToken)
    {
        var (rows, truncated) = await FindAsync(filter.Normalised(), withSubmissions: true, cancellationToken);
        await using var csv = CsvExport.Create(output);
        await csv.WriteRecordAsync([.. CsvColumns], cancellationToken);
        foreach (var row in Newest(rows))
        {
            var s = row.Submission;
            await csv.WriteRecordAsync(
            [
                row.Reference, Time(row.ReceivedAt), row.Status, s?.Organization.Name, s?.Organization.Type, row.Country, s?.Organization.Subdivision,
                string.Join(';', row.Topics), s?.Scale, s?.Agreement, s is null ? null : string.Join(';', s.ContentLanguages),
                row.Assignee?.Id, row.Assignee?.Name, row.Assignee?.Kind, Time(row.RoutedAt), Time(row.AcceptedAt), Time(row.FailedAt),
            ], cancellationToken);
        }

        return truncated;
    }

    /// <summary>Everything about one inquiry; null when there is no such inquiry (or the reference is malformed).</summary>
    public async Task<InquiryDetail?> GetDetailAsync(string reference, CancellationToken cancellationToken)
    {
        if (!InquiryReference.IsWellFormed(reference))
        {
            return null;
        }

        var progress = await inquiries.GetProgressAsync(reference, cancellationToken);
        if (progress is null)
        {
            return null;
        }

        Inquiry? inquiry;
        try
        {
            inquiry = await inquiries.GetAsync(reference, cancellationToken);
        }
        catch (InquiryUnreadableException)
        {
            inquiry = null;
        }

        var assignmentsTask = assignments.ListAsync(reference, cancellationToken);
        var auditTask = audit.ListAsync(reference, cancellationToken);
        var linkedTask = inquiry is null
            ? Task.FromResult<IReadOnlyList<LinkedInquiry>>([])
            : duplicates.FindLinkedAsync(inquiry.Submission, reference, cancellationToken);
        var mailsTask = mails.ForInquiryAsync(reference, cancellationToken);
        await Task.WhenAll(assignmentsTask, auditTask, linkedTask, mailsTask);
        return new InquiryDetail(progress, inquiry, await assignmentsTask, await auditTask, await linkedTask, await mailsTask);
    }

    /// <summary>
    /// The storage query, then the states that need more than the inquiry row (overdue, awaiting, failed: its latest
    /// assignment and its mails, read in one more scan). A search reads the documents too (the organisation's name is
    /// in the document, not a column): one bounded scan rather than a second index to keep in step with every write.
    /// </summary>
    private async Task<(IReadOnlyList<InquiryRow> Rows, bool Truncated)> FindAsync(InquiryFilter filter, bool withSubmissions, CancellationToken cancellationToken)
    {
        var (rows, truncated) = await queries.FindAsync(filter, withSubmissions || filter.Search is not null, MaxRows, cancellationToken);
        if (filter.State is not (WorkState.Overdue or WorkState.Awaiting or WorkState.Failed) || attention is null)
        {
            return (rows, truncated);
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var (facts, factsTruncated) = await attention.ReadAttentionAsync(cancellationToken);
        var byReference = facts.ToDictionary(f => f.Reference, StringComparer.Ordinal);
        bool Keep(InquiryRow row)
        {
            var fact = byReference.GetValueOrDefault(row.Reference) ?? new AttentionRow(row.Reference, row.Status, null, null, 0, 0);
            return filter.State switch
            {
                WorkState.Overdue => WorkState.IsOverdue(fact, now),
                WorkState.Awaiting => !WorkState.IsOverdue(fact, now),
                _ => WorkState.IsFailed(fact),
            };
        }

        return (rows.Where(Keep).ToList(), truncated || factsTruncated);
    }

    private static List<InquiryRow> Newest(IEnumerable<InquiryRow> rows) =>
        rows.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Reference, StringComparer.Ordinal).ToList();

    private static string? Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
