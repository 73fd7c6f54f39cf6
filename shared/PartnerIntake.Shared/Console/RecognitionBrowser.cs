using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Console;

/// <summary>A donation's columns (no document): what the list sorts on.</summary>
public sealed record DonationRow(
    string Id,
    string Institution,
    string Country,
    DateTimeOffset RecordedAt,
    bool Unsubscribed,
    DateTimeOffset? BouncedAt,
    string? BounceEvent);

/// <summary>One line of the donations list: the row plus the collection and the donor's language (null when the document cannot be read).</summary>
public sealed record DonationListItem(DonationRow Row, CollectionInfo? Collection, string? Language = null);

public sealed record DonationPage(IReadOnlyList<DonationListItem> Items, int Page, int PageSize, int Total, bool Truncated)
{
    public int TotalPages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < TotalPages;
}

/// <summary>A stored notice with when it was handled (sent or skipped).</summary>
public sealed record NoticeRow(Notice Notice, DateTimeOffset? HandledAt);

/// <summary>A notice not sent yet; overdue ones are waiting for the next SendRecognitions run (every 10 minutes).</summary>
public sealed record UpcomingNotice(Notice Notice, string? Institution, bool Overdue);

/// <summary>A sent notice with its outbox record, which carries the delivery status SendGrid's Event Webhook reported.</summary>
public sealed record SentNotice(Notice Notice, DateTimeOffset? SentAt, string? Institution, MailRecord? Mail)
{
    /// <summary>processed, deferred, delivered, bounce or dropped; null when no event came (or the local outbox was used).</summary>
    public string? DeliveryStatus => Mail?.DeliveryStatus;
}

/// <summary>
/// Admin-only reads of the Donations and Notices tables. Donations are keyed by id and notices by due day, so the
/// donation list and the sent-notice list are bounded scans (stopped at <c>maxRows</c>); pending notices are one range
/// over the day partitions up to a horizon.
/// </summary>
public interface IRecognitionQueries
{
    Task<(IReadOnlyList<DonationRow> Rows, bool Truncated)> DonationsAsync(int maxRows, CancellationToken cancellationToken);

    /// <summary>Pending notices due on or before <paramref name="dueUpTo"/>, earliest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<NoticeRow>> PendingNoticesAsync(DateOnly dueUpTo, int max, CancellationToken cancellationToken);

    /// <summary>Notices sent since <paramref name="since"/> (at most <c>maxRows</c> read), in no particular order.</summary>
    Task<(IReadOnlyList<NoticeRow> Rows, bool Truncated)> SentNoticesAsync(DateTimeOffset since, int maxRows, CancellationToken cancellationToken);

    /// <summary>The donations recorded with this inquiry reference (at most <paramref name="max"/>), in no particular order.</summary>
    Task<IReadOnlyList<DonationRow>> DonationsForInquiryAsync(string reference, int max, CancellationToken cancellationToken);
}

/// <summary>The recognition pages: donations (paged, newest first), upcoming notices, sent notices with delivery status.</summary>
public sealed class RecognitionBrowser(IRecognitionQueries queries, IDonationStore donations, IMailRecords mails, TimeProvider time)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;
    public const int MaxRows = 10_000;
    public const int MaxNotices = 500;

    public async Task<DonationPage> ListDonationsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize);
        var (rows, truncated) = await queries.DonationsAsync(MaxRows, cancellationToken);
        var sorted = rows.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var pages = Math.Max(1, (sorted.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var slice = sorted.Skip((page - 1) * pageSize).Take(pageSize).ToList();

        // The collection is in the document: read only this page's documents.
        var items = await ItemsAsync(slice, cancellationToken);
        return new DonationPage(items, page, pageSize, sorted.Count, truncated);
    }

    /// <summary>The donations linked to an inquiry, newest first; empty for a malformed reference.</summary>
    public async Task<IReadOnlyList<DonationListItem>> ForInquiryAsync(string reference, CancellationToken cancellationToken)
    {
        if (!Intake.InquiryReference.IsWellFormed(reference))
        {
            return [];
        }

        var rows = await queries.DonationsForInquiryAsync(reference, MaxPageSize, cancellationToken);
        return await ItemsAsync(rows.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(), cancellationToken);
    }

    private async Task<DonationListItem[]> ItemsAsync(IReadOnlyList<DonationRow> rows, CancellationToken cancellationToken) =>
        await Task.WhenAll(rows.Select(async row =>
        {
            try
            {
                var submission = (await donations.GetAsync(row.Id, cancellationToken))?.Submission;
                return new DonationListItem(row, submission?.Collection, submission?.Contact.Language);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
            {
                return new DonationListItem(row, null);
            }
        }));

    /// <summary>Notices not yet sent that are due within <paramref name="days"/> days (overdue ones first), earliest first.</summary>
    public async Task<IReadOnlyList<UpcomingNotice>> UpcomingNoticesAsync(int days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var horizon = DateOnly.FromDateTime(now.AddDays(Math.Clamp(days, 0, 366)).UtcDateTime);
        var rows = await queries.PendingNoticesAsync(horizon, MaxNotices, cancellationToken);
        var institutions = await InstitutionsAsync(rows.Select(r => r.Notice.DonationId), cancellationToken);
        return rows
            .OrderBy(r => r.Notice.DueAt)
            .Select(r => new UpcomingNotice(r.Notice, institutions.GetValueOrDefault(r.Notice.DonationId), r.Notice.DueAt <= now))
            .ToList();
    }

    /// <summary>Notices sent in the last <paramref name="days"/> days, newest first, with their delivery status.</summary>
    public async Task<IReadOnlyList<SentNotice>> SentNoticesAsync(int days, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-Math.Clamp(days, 0, 366));
        var (rows, _) = await queries.SentNoticesAsync(since, MaxRows, cancellationToken);
        var latest = rows.OrderByDescending(r => r.HandledAt).ThenBy(r => r.Notice.OutboxId, StringComparer.Ordinal).Take(MaxNotices).ToList();
        var records = await mails.GetManyAsync(latest.Select(r => r.Notice.OutboxId), cancellationToken);
        var institutions = await InstitutionsAsync(latest.Select(r => r.Notice.DonationId), cancellationToken);
        return latest
            .Select(r => new SentNotice(r.Notice, r.HandledAt, institutions.GetValueOrDefault(r.Notice.DonationId), records.GetValueOrDefault(r.Notice.OutboxId)))
            .ToList();
    }

    private async Task<Dictionary<string, string>> InstitutionsAsync(IEnumerable<string> donationIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in donationIds.Distinct(StringComparer.Ordinal).Chunk(16))
        {
            var found = await Task.WhenAll(chunk.Select(async id =>
            {
                try
                {
                    return await donations.GetAsync(id, cancellationToken);
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
                {
                    return null;
                }
            }));
            foreach (var donation in found.OfType<Donation>())
            {
                names[donation.Id] = donation.Submission.Institution.Name;
            }
        }

        return names;
    }
}
