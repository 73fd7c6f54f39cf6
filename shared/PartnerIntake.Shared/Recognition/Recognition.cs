using Microsoft.Extensions.Logging;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Recognition;

public sealed record RecognitionRun(int Due, int Sent, int Skipped, int Deferred);

/// <summary>
/// The recognition pipeline: record donations with their notice schedule, and send what is due —
/// exactly once per notice (deterministic outbox id, ETag on the notice), whether runs overlap,
/// crash half-way or are missed.
/// </summary>
public sealed partial class Recognition(
    IDonationStore donations,
    INoticeStore notices,
    RecognitionSchedule schedule,
    RecognitionMails mails,
    IImpactMetrics metrics,
    MailSender sender,
    TimeProvider time,
    ILogger<Recognition> logger,
    Privacy.IPersonalDataIndex? personalData = null,
    Privacy.RetentionSchedule? retention = null)
{
    public const int MaxPerRun = 500;

    /// <summary>How long a notice whose donation is missing waits before it is skipped (the donation write may have failed and been retried).</summary>
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromDays(1);

    public async Task<Donation> RecordAsync(DonationSubmission submission, CancellationToken cancellationToken)
    {
        var donation = new Donation(NewId(), submission, time.GetUtcNow());
        if (personalData is not null)
        {
            // Indexed first, so erasure and export always find the donation's contact (Privacy).
            await personalData.AddAsync(submission.Contact.Email, new(Privacy.PersonalDataEntry.Donation, donation.Id), cancellationToken);
        }

        // Notices first: a notice without its donation is skipped later; a donation without notices would be silently unthanked.
        var initial = schedule.Initial(donation);
        foreach (var notice in initial)
        {
            await notices.ScheduleAsync(notice, cancellationToken);
        }

        await (retention?.DonationNoticeAsync(donation.Id, submission.InquiryReference, initial.Max(n => n.DueAt), cancellationToken) ?? Task.CompletedTask);

        await donations.InsertAsync(donation, cancellationToken);
        LogRecorded(donation.Id, submission.Institution.Country, submission.Collection.Files);
        return donation;
    }

    public async Task<RecognitionRun> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (due, checkpoint) = await notices.DueAsync(now, MaxPerRun, cancellationToken);
        int sent = 0, skipped = 0, deferred = 0;
        foreach (var notice in due)
        {
            string outcome;
            try
            {
                outcome = await HandleAsync(notice, now, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One notice's trouble (a corrupt donation, a storage blip) must not hold back the others.
                LogSendFailed(ex, notice.OutboxId);
                outcome = NoticeStatus.Pending;
            }

            switch (outcome)
            {
                case NoticeStatus.Sent:
                    sent++;
                    break;
                case NoticeStatus.Skipped:
                    skipped++;
                    break;
                default:
                    deferred++;
                    break;
            }
        }

        if (deferred == 0 && due.Count < MaxPerRun)
        {
            // Everything due up to now was read and handled: later runs can start from today.
            await notices.AdvanceCheckpointAsync(DateOnly.FromDateTime(now.UtcDateTime), checkpoint, cancellationToken);
        }

        return new RecognitionRun(due.Count, sent, skipped, deferred);
    }

    public async Task<RenderedMail?> PreviewAsync(string kind, string lang, string donationId, CancellationToken cancellationToken)
    {
        var donation = await donations.GetAsync(donationId, cancellationToken);
        if (donation is null)
        {
            return null;
        }

        var notice = kind == RecognitionKinds.Impact
            ? schedule.Initial(donation).Single(n => n.Kind == RecognitionKinds.Impact)
            : new Notice(time.GetUtcNow(), donationId, kind, 1);
        var figures = kind == RecognitionKinds.Impact
            ? await metrics.GetAsync(donation.Submission.Collection.CommonsCategory, notice.PeriodStart!.Value, notice.PeriodEnd!.Value, cancellationToken)
            : null;
        var mail = mails.Compose(donation with { Submission = donation.Submission with { Contact = donation.Submission.Contact with { Language = lang } } }, notice, figures);
        return new RenderedMail(mail.Subject, mail.Text, mail.Html);
    }

    /// <returns>The notice's status after this attempt: sent, skipped, or pending (left for a later run).</returns>
    private async Task<string> HandleAsync(Notice notice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var donation = await donations.GetAsync(notice.DonationId, cancellationToken);
        if (donation is null)
        {
            return now - notice.DueAt > OrphanGrace && await notices.TryMarkAsync(notice, NoticeStatus.Skipped, now, cancellationToken)
                ? NoticeStatus.Skipped
                : NoticeStatus.Pending;
        }

        if (notice.Kind == RecognitionKinds.Impact && donation.Unsubscribed)
        {
            // Unsubscribed institutions get no further impact reports, and the series stops here.
            return await notices.TryMarkAsync(notice, NoticeStatus.Skipped, now, cancellationToken) ? NoticeStatus.Skipped : NoticeStatus.Pending;
        }

        try
        {
            var figures = notice.Kind == RecognitionKinds.Impact
                ? await metrics.GetAsync(donation.Submission.Collection.CommonsCategory, notice.PeriodStart!.Value, notice.PeriodEnd!.Value, cancellationToken)
                : null;
            await sender.SendOnceAsync(mails.Compose(donation, notice, figures), cancellationToken);
        }
        catch (MailInFlightException)
        {
            return NoticeStatus.Pending; // another run is sending it right now
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(ex, notice.OutboxId);
            return NoticeStatus.Pending; // retried by the next run; the outbox makes sure it goes once
        }

        if (notice.Kind == RecognitionKinds.Impact)
        {
            var next = schedule.NextImpact(notice);
            await notices.ScheduleAsync(next, cancellationToken);
            await (retention?.DonationNoticeAsync(donation.Id, donation.Submission.InquiryReference, next.DueAt, cancellationToken) ?? Task.CompletedTask);
        }

        await notices.TryMarkAsync(notice, NoticeStatus.Sent, now, cancellationToken);
        return NoticeStatus.Sent;
    }

    private static string NewId() => "DN-" + Intake.InquiryReference.New()[3..];

    [LoggerMessage(Level = LogLevel.Information, Message = "Donation {DonationId} recorded ({Country}, {Files} files)")]
    private partial void LogRecorded(string donationId, string country, int files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recognition notice {OutboxId} could not be sent; the next run retries it")]
    private partial void LogSendFailed(Exception ex, string outboxId);
}
