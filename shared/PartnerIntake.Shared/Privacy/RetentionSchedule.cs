using Microsoft.Extensions.Options;

namespace PartnerIntake.Shared.Privacy;

/// <summary>
/// When partners' personal data falls due, as the inquiry and its donations move on: an inquiry RetentionMonths after it
/// was received; none while a partnership is under way (an entity accepted it: kept); RetentionMonths after it is closed
/// (or later, see below); a donation's contact RetentionMonths after its last scheduled notice (each notice moves it
/// later), and the inquiry a donation came from no earlier than that.
/// </summary>
public sealed class RetentionSchedule(IRetentionIndex index, IOptions<PrivacyOptions> options)
{
    private int Months => options.Value.RetentionMonths;

    public DateTimeOffset FirstDue(DateTimeOffset receivedAt) => receivedAt.AddMonths(Months);

    public Task InquirySubmittedAsync(string reference, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        index.AddAsync(RetentionKind.Inquiry, reference, FirstDue(receivedAt), cancellationToken);

    /// <summary>An entity accepted the inquiry: a partnership is under way, so its contact is kept until it is closed.</summary>
    public Task InquiryAcceptedAsync(string reference, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        index.SetAsync(RetentionKind.Inquiry, reference, null, FirstDue(receivedAt), cancellationToken);

    /// <summary>Closed: due RetentionMonths later, unless a donation from it keeps it longer.</summary>
    public Task InquiryClosedAsync(string reference, DateTimeOffset receivedAt, DateTimeOffset closedAt, CancellationToken cancellationToken) =>
        index.ExtendAsync(RetentionKind.Inquiry, reference, closedAt.AddMonths(Months), keptStaysKept: false, FirstDue(receivedAt), cancellationToken);

    /// <summary>A notice to the donation's contact was scheduled for <paramref name="noticeDueAt"/>.</summary>
    public async Task DonationNoticeAsync(string donationId, string? inquiryReference, DateTimeOffset noticeDueAt, CancellationToken cancellationToken)
    {
        var due = noticeDueAt.AddMonths(Months);
        await index.ExtendAsync(RetentionKind.Donation, donationId, due, keptStaysKept: true, firstDue: null, cancellationToken);
        if (!string.IsNullOrEmpty(inquiryReference))
        {
            // The inquiry's first due time is not known here; at worst an entry at it stays behind, and a run drops it as stale.
            await index.ExtendAsync(RetentionKind.Inquiry, inquiryReference, due, keptStaysKept: true, firstDue: null, cancellationToken);
        }
    }
}
