using System.ComponentModel.DataAnnotations;

namespace PartnerIntake.Shared.Recognition;

public static class NoticeStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Skipped = "skipped";
}

/// <summary>One scheduled recognition notice. (DonationId, Kind, Sequence) identifies it; so does its outbox id.</summary>
public sealed record Notice(DateTimeOffset DueAt, string DonationId, string Kind, int Sequence, DateOnly? PeriodStart = null, DateOnly? PeriodEnd = null)
{
    public string Status { get; init; } = NoticeStatus.Pending;

    public string ETag { get; init; } = "*";

    public string OutboxId => $"{DonationId}.{Kind}.{Sequence}";
}

public sealed class RecognitionOptions
{
    /// <summary>How soon after a donation is recorded the thank-you goes out.</summary>
    [Range(0, 7 * 24 * 60)]
    public int ThankYouDelayMinutes { get; set; } = 10;

    /// <summary>How long after the thank-you the attribution notice follows.</summary>
    [Range(0, 365)]
    public int AttributionDelayDays { get; set; } = 7;

    /// <summary>Impact reports: the length of each reported period, in months (quarterly by default).</summary>
    [Range(1, 24)]
    public int ImpactCadenceMonths { get; set; } = 3;

    /// <summary>Days after a period ends before its report goes out, so that the period's figures exist.</summary>
    [Range(0, 60)]
    public int ImpactReportLagDays { get; set; } = 3;
}

/// <summary>When a donation's notices fall due. Pure: the same donation always gets the same schedule.</summary>
public sealed class RecognitionSchedule(Microsoft.Extensions.Options.IOptions<RecognitionOptions> options)
{
    private RecognitionOptions O => options.Value;

    public IReadOnlyList<Notice> Initial(Donation donation)
    {
        var thanks = donation.RecordedAt.AddMinutes(O.ThankYouDelayMinutes);
        return
        [
            new Notice(thanks, donation.Id, RecognitionKinds.ThankYou, 1),
            new Notice(thanks.AddDays(O.AttributionDelayDays), donation.Id, RecognitionKinds.Attribution, 1),
            Impact(donation.Id, 1, donation.Submission.DonatedOn),
        ];
    }

    /// <summary>The report after <paramref name="previous"/>: the next period of the same length.</summary>
    public Notice NextImpact(Notice previous) => Impact(previous.DonationId, previous.Sequence + 1, previous.PeriodEnd!.Value);

    private Notice Impact(string donationId, int sequence, DateOnly periodStart)
    {
        var periodEnd = periodStart.AddMonths(O.ImpactCadenceMonths);
        var due = new DateTimeOffset(periodEnd.AddDays(O.ImpactReportLagDays).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        return new Notice(due, donationId, RecognitionKinds.Impact, sequence, periodStart, periodEnd);
    }
}

/// <summary>Notices by due date, so that a run reads only what is due.</summary>
public interface INoticeStore
{
    /// <summary>Adds the notice unless it exists (a replay never resets a sent notice).</summary>
    Task ScheduleAsync(Notice notice, CancellationToken cancellationToken);

    /// <returns>The due notices and the checkpoint as read (to advance it only if nobody moved it meanwhile).</returns>
    Task<(IReadOnlyList<Notice> Notices, string? CheckpointETag)> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Sets the status if nobody changed the notice since it was read; false otherwise.</summary>
    Task<bool> TryMarkAsync(Notice notice, string status, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Records that everything due before <paramref name="day"/> has been handled — unless the checkpoint
    /// changed since <paramref name="checkpointETag"/> was read (a notice was scheduled into the past meanwhile).
    /// </summary>
    Task AdvanceCheckpointAsync(DateOnly day, string? checkpointETag, CancellationToken cancellationToken);

    Task<IReadOnlyList<Notice>> ForDonationAsync(string donationId, CancellationToken cancellationToken);
}
