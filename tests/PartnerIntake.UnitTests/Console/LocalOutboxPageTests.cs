using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Mail;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

/// <summary>The outbox list by recipient and subject, over what the real <see cref="LocalOutboxTransport"/> writes.</summary>
public sealed class LocalOutboxPageTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private readonly string root = Directory.CreateTempSubdirectory("pi-outbox-page-").FullName;

    private string Folder => Path.Combine(root, "outbox");

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task ListPage_MessagesFromTheTransport_ToSubjectAndDateNewestFirst()
    {
        await SendAsync("PI-A.acknowledgement", "Dziękujemy — zapytanie PI-A", new Recipient("anna@example.org", "Nowak, Anna"), minutes: 0);
        await SendAsync("PI-B.assignment.1", "شكراً لكم", new Recipient("b@example.org", "متحف"), minutes: 5);

        var page = CreateSut().ListPage(1);

        page.Items.Select(i => i.File.FileName).ShouldBe(["PI-B.assignment.1.eml", "PI-A.acknowledgement.eml"]);
        page.Items[0].Subject.ShouldBe("شكراً لكم");
        page.Items[0].To.ShouldBe("متحف <b@example.org>");
        page.Items[1].Subject.ShouldBe("Dziękujemy — zapytanie PI-A");
        page.Items[1].To.ShouldBe("\"Nowak, Anna\" <anna@example.org>");
        page.Items[1].Date.ShouldBe(Now);
        page.Total.ShouldBe(2);
    }

    [Fact]
    public async Task ListPage_MoreThanAPage_ReadsOnlyThatPagesFiles()
    {
        for (var i = 0; i < 5; i++)
        {
            await SendAsync($"PI-{i}.acknowledgement", $"Subject {i}", new Recipient("a@example.org", "A"), minutes: i);
        }

        var second = CreateSut().ListPage(2, pageSize: 2);
        var last = CreateSut().ListPage(99, pageSize: 2);

        second.Items.Select(i => i.Subject).ShouldBe(["Subject 2", "Subject 1"]);
        second.FilesRead.ShouldBe(2);
        second.Total.ShouldBe(5);
        second.TotalPages.ShouldBe(3);
        second.HasPrevious.ShouldBeTrue();
        second.HasNext.ShouldBeTrue();
        last.Page.ShouldBe(3);
        last.Items.Select(i => i.Subject).ShouldBe(["Subject 0"]);
        last.FilesRead.ShouldBe(1);
    }

    [Fact]
    public async Task ListPage_FileWithoutHeaders_ListedByNameOnly()
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllBytesAsync(Path.Combine(Folder, "broken.eml"), [0xff, 0xfe, 0x00, 0x01]);

        var item = CreateSut().ListPage(1).Items.ShouldHaveSingleItem();

        item.File.FileName.ShouldBe("broken.eml");
        item.Subject.ShouldBeNull();
        item.To.ShouldBeNull();
    }

    [Fact]
    public void ListPage_NoFolderYet_EmptyFirstPage()
    {
        var page = CreateSut().ListPage(3);

        page.Items.ShouldBeEmpty();
        page.Total.ShouldBe(0);
        page.Page.ShouldBe(1);
        page.HasNext.ShouldBeFalse();
    }

    private LocalOutbox CreateSut() => new(Options.Create(new MailOptions { OutboxPath = Folder }));

    private async Task SendAsync(string outboxId, string subject, Recipient to, int minutes)
    {
        var mail = new OutboundMail(outboxId, MailKinds.Acknowledgement, to, subject, "text", "<p>html</p>", "pl");
        await new LocalOutboxTransport(Options.Create(new MailOptions { OutboxPath = Folder }), new FakeTimeProvider(Now)).SendAsync(mail, default);
        File.SetLastWriteTimeUtc(Path.Combine(Folder, outboxId + ".eml"), Now.UtcDateTime.AddMinutes(minutes));
    }
}
