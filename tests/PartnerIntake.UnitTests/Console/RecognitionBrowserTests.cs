using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

public class RecognitionBrowserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryRecognition recognition = new();
    private readonly FakeMailRecords mails = new();

    [Fact]
    public async Task ListDonationsAsync_Donations_NewestFirstPagedWithCollection()
    {
        for (var i = 0; i < 30; i++)
        {
            await recognition.InsertAsync(ConsoleBuilders.Donation($"DN-{i:D4}", Now.AddDays(-i)), default);
        }

        var first = await CreateSut().ListDonationsAsync(1, 25, default);
        var second = await CreateSut().ListDonationsAsync(2, 25, default);

        first.Items.Select(d => d.Row.Id).ShouldBe(Enumerable.Range(0, 25).Select(i => $"DN-{i:D4}"));
        first.Total.ShouldBe(30);
        first.HasNext.ShouldBeTrue();
        first.Items[0].Collection!.Files.ShouldBe(5000);
        first.Items[0].Row.Institution.ShouldBe("Muzeum Narodowe w Warszawie");
        second.Items.Count.ShouldBe(5);
        second.HasNext.ShouldBeFalse();
    }

    [Fact]
    public async Task UpcomingNoticesAsync_Pending_WithinTheHorizonEarliestFirstOverdueFlagged()
    {
        await recognition.InsertAsync(ConsoleBuilders.Donation("DN-1", Now.AddDays(-1), "Biblioteka Narodowa"), default);
        Pending(Now.AddDays(3), RecognitionKinds.Attribution);
        Pending(Now.AddMinutes(-20), RecognitionKinds.ThankYou);
        Pending(Now.AddDays(90), RecognitionKinds.Impact);
        recognition.Notices.Add(new NoticeRow(new Notice(Now.AddDays(-2), "DN-1", RecognitionKinds.Impact, 1) { Status = NoticeStatus.Sent }, Now.AddDays(-2)));

        var upcoming = await CreateSut().UpcomingNoticesAsync(30, default);

        upcoming.Select(u => (u.Notice.Kind, u.Overdue)).ShouldBe([(RecognitionKinds.ThankYou, true), (RecognitionKinds.Attribution, false)]);
        upcoming[0].Institution.ShouldBe("Biblioteka Narodowa");
    }

    [Fact]
    public async Task SentNoticesAsync_Sent_NewestFirstWithDeliveryStatus()
    {
        await recognition.InsertAsync(ConsoleBuilders.Donation("DN-1", Now.AddDays(-20)), default);
        var thanks = Sent(RecognitionKinds.ThankYou, Now.AddDays(-19));
        var attribution = Sent(RecognitionKinds.Attribution, Now.AddDays(-12));
        Sent(RecognitionKinds.Impact, Now.AddDays(-60));
        mails.Mails.Add(ConsoleBuilders.Mail(thanks.OutboxId, RecognitionKinds.ThankYou, MailEventTypes.Bounce));

        var sent = await CreateSut().SentNoticesAsync(30, default);

        sent.Select(s => s.Notice.OutboxId).ShouldBe([attribution.OutboxId, thanks.OutboxId]);
        sent[1].DeliveryStatus.ShouldBe(MailEventTypes.Bounce);
        sent[1].SentAt.ShouldBe(Now.AddDays(-19));
        sent[0].Mail.ShouldBeNull();
        sent[0].DeliveryStatus.ShouldBeNull();
        sent[0].Institution.ShouldBe("Muzeum Narodowe w Warszawie");
    }

    private RecognitionBrowser CreateSut() => new(recognition, recognition, mails, new FakeTimeProvider(Now));

    private void Pending(DateTimeOffset due, string kind) => recognition.Notices.Add(new NoticeRow(new Notice(due, "DN-1", kind, 1), null));

    private Notice Sent(string kind, DateTimeOffset at)
    {
        var notice = new Notice(at, "DN-1", kind, 1) { Status = NoticeStatus.Sent };
        recognition.Notices.Add(new NoticeRow(notice, at));
        return notice;
    }
}
