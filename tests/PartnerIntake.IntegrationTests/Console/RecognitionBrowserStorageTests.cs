using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Console;

[Collection(ConsoleStorageCollection.Name)]
public class RecognitionBrowserStorageTests(ConsoleStorageFixture fixture)
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task Browser_RealTables_DonationsUpcomingAndSentNoticesWithDeliveryStatus()
    {
        var id = "DN-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var store = new TableDonationStore(fixture.Account);
        await store.InsertAsync(new Donation(id, Submission("Biblioteka Narodowa"), Now.AddDays(-3)), default);
        var notices = new TableNoticeStore(fixture.Account, TimeProvider.System);
        var thanks = new Notice(Now.AddDays(-3).AddMinutes(10), id, RecognitionKinds.ThankYou, 1);
        var attribution = new Notice(Now.AddDays(4), id, RecognitionKinds.Attribution, 1);
        var impact = new Notice(Now.AddDays(120), id, RecognitionKinds.Impact, 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1));
        foreach (var n in new[] { thanks, attribution, impact })
        {
            await notices.ScheduleAsync(n, default);
        }

        var stored = (await notices.ForDonationAsync(id, default)).Single(n => n.Kind == RecognitionKinds.ThankYou);
        (await notices.TryMarkAsync(stored, NoticeStatus.Sent, Now.AddDays(-3).AddMinutes(11), default)).ShouldBeTrue();
        var outbox = new TableMailOutbox(fixture.Account);
        var mail = new OutboundMail(thanks.OutboxId, RecognitionKinds.ThankYou, new Recipient("anna@example.org", "Anna"), "Dziękujemy", "t", "<p>h</p>", "pl");
        await outbox.AddClaimedOrGetAsync(mail, Now, Now.AddMinutes(2), default);
        await outbox.SettleAsync([new MailSettlement(mail.OutboxId, Now, "sg-9", null)], default);
        await outbox.RecordDeliveryAsync(mail.OutboxId, MailEventTypes.Delivered, Now, default);
        var sut = new RecognitionBrowser(new TableRecognitionQueries(fixture.Account), store, new TableMailRecords(fixture.Account), TimeProvider.System);

        var page = await sut.ListDonationsAsync(1, 200, default);
        var upcoming = await sut.UpcomingNoticesAsync(30, default);
        var sent = await sut.SentNoticesAsync(30, default);

        var donation = page.Items.Single(d => d.Row.Id == id);
        donation.Row.Institution.ShouldBe("Biblioteka Narodowa");
        donation.Row.Country.ShouldBe("PL");
        donation.Collection!.Title.ShouldBe("19th-century paintings");
        upcoming.Where(u => u.Notice.DonationId == id).Select(u => u.Notice.Kind).ShouldBe([RecognitionKinds.Attribution]);
        upcoming.Single(u => u.Notice.DonationId == id).Institution.ShouldBe("Biblioteka Narodowa");
        var sentThanks = sent.Single(s => s.Notice.DonationId == id);
        sentThanks.Notice.Kind.ShouldBe(RecognitionKinds.ThankYou);
        sentThanks.DeliveryStatus.ShouldBe(MailEventTypes.Delivered);
        sentThanks.Mail!.Subject.ShouldBe("Dziękujemy");
        sentThanks.SentAt.ShouldNotBeNull().ShouldBe(Now.AddDays(-3).AddMinutes(11), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task ForInquiryAsync_RealTables_OnlyTheDonationsWithThatReference()
    {
        var reference = PartnerIntake.Shared.Intake.InquiryReference.New();
        var store = new TableDonationStore(fixture.Account);
        string NewId() => "DN-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var (linked, other) = (NewId(), NewId());
        await store.InsertAsync(new Donation(linked, Submission("Biblioteka Narodowa") with { InquiryReference = reference }, Now), default);
        await store.InsertAsync(new Donation(other, Submission("Muzeum Śląskie"), Now), default);
        var sut = new RecognitionBrowser(new TableRecognitionQueries(fixture.Account), store, new TableMailRecords(fixture.Account), TimeProvider.System);

        var items = await sut.ForInquiryAsync(reference, default);

        var item = items.ShouldHaveSingleItem();
        item.Row.Id.ShouldBe(linked);
        item.Row.Institution.ShouldBe("Biblioteka Narodowa");
        item.Collection!.Title.ShouldBe("19th-century paintings");
        item.Language.ShouldBe("pl");
    }

    [Fact]
    public async Task PendingNoticesAsync_CheckpointRow_NotListed()
    {
        var rows = await new TableRecognitionQueries(fixture.Account).PendingNoticesAsync(DateOnly.FromDateTime(Now.AddYears(5).UtcDateTime), 500, default);

        rows.ShouldAllBe(r => r.Notice.DonationId.Length > 0);
    }

    private static DonationSubmission Submission(string institution) => new(
        new InstitutionInfo(institution, "PL", "https://polona.pl"),
        new DonorContact("Anna Nowak", "anna@example.org", "pl"),
        new CollectionInfo("19th-century paintings", "Category:Paintings", 120, "CC BY-SA 4.0"),
        new DateOnly(2026, 1, 1),
        institution + ", CC BY-SA 4.0",
        null,
        null);
}
