using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Mail;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

/// <summary>Reads what the real <see cref="LocalOutboxTransport"/> writes, in a temporary folder.</summary>
public sealed class LocalOutboxTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private readonly string root = Directory.CreateTempSubdirectory("pi-outbox-").FullName;

    private string Folder => Path.Combine(root, "outbox");

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Read_MessageWrittenByTheTransport_SubjectAddressesDateHeadersAndBothParts()
    {
        var mail = Mail("PI-7JYR-KH0B-H6MZ-767K.acknowledgement") with
        {
            Subject = "Dziękujemy — zapytanie PI-7JYR-KH0B-H6MZ-767K",
            To = new Recipient("anna@example.org", "Nowak, Anna"),
            Text = "Dzień dobry,\nżółć & <b>nie HTML</b>\n" + new string('x', 200),
            Html = "<p dir=\"ltr\">Dzień dobry, <b>Anna</b></p>",
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://partners.example.org/u/tok>" },
            CustomArgs = new Dictionary<string, string> { ["donation_id"] = "D-7JYR" },
        };
        await SendAsync(mail);

        var message = CreateSut().Read("PI-7JYR-KH0B-H6MZ-767K.acknowledgement.eml").ShouldNotBeNull();

        message.Subject.ShouldBe(mail.Subject);
        message.From.ShouldBe("Wikimedia Partnerships <partnerships@example.org>");
        message.To.ShouldBe("\"Nowak, Anna\" <anna@example.org>");
        message.Date.ShouldBe(Now);
        message.Text.ShouldBe(mail.Text);
        message.Html.ShouldBe(mail.Html);
        message.Headers.ShouldContain(new KeyValuePair<string, string>("List-Unsubscribe", "<https://partners.example.org/u/tok>"));
        message.Headers.ShouldContain(new KeyValuePair<string, string>("X-PartnerIntake-Arg-donation_id", "D-7JYR"));
        message.Headers.ShouldContain(new KeyValuePair<string, string>("X-PartnerIntake-Kind", MailKinds.Acknowledgement));
        message.Headers.First().Key.ShouldBe("From");
    }

    [Fact]
    public async Task Read_RightToLeftAndEncodedName_Decoded()
    {
        var mail = Mail("PI-AAAA-BBBB-CCCC-DDDD.acknowledgement") with
        {
            Subject = "شكراً لكم",
            To = new Recipient("a@example.org", "متحف"),
            Text = "مرحبا",
            Html = "<p dir=\"rtl\">مرحبا</p>",
        };
        await SendAsync(mail);

        var message = CreateSut().Read("PI-AAAA-BBBB-CCCC-DDDD.acknowledgement.eml")!;

        message.Subject.ShouldBe("شكراً لكم");
        message.To.ShouldBe("متحف <a@example.org>");
        message.Text.ShouldBe("مرحبا");
    }

    [Fact]
    public async Task List_Files_NewestFirstOnlyEml()
    {
        await SendAsync(Mail("a.assignment.1"));
        await SendAsync(Mail("b.assignment.1"));
        File.SetLastWriteTimeUtc(Path.Combine(Folder, "a.assignment.1.eml"), Now.UtcDateTime.AddMinutes(5));
        File.SetLastWriteTimeUtc(Path.Combine(Folder, "b.assignment.1.eml"), Now.UtcDateTime);
        await File.WriteAllTextAsync(Path.Combine(Folder, ".c.123.tmp"), "half");
        await File.WriteAllTextAsync(Path.Combine(Folder, "notes.txt"), "x");

        var files = CreateSut().List();

        files.Select(f => f.FileName).ShouldBe(["a.assignment.1.eml", "b.assignment.1.eml"]);
        files[0].WrittenAt.ShouldBe(Now.AddMinutes(5));
        files[0].Size.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void List_NoFolderYet_Empty()
    {
        new LocalOutbox(Options.Create(new MailOptions { OutboxPath = Path.Combine(Folder, "missing") })).List().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("../secret.eml")]
    [InlineData("..\\secret.eml")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/x.eml")]
    [InlineData(".hidden.eml")]
    [InlineData("x.txt")]
    [InlineData("")]
    [InlineData("x.eml\0")]
    [InlineData("missing.eml")]
    public async Task Read_NameNotInTheListing_Null(string name)
    {
        await SendAsync(Mail("x"));
        await File.WriteAllTextAsync(Path.Combine(root, "secret.eml"), "From: a\r\n\r\nsecret");
        Directory.CreateDirectory(Path.Combine(Folder, "sub"));
        await File.WriteAllTextAsync(Path.Combine(Folder, "sub", "x.eml"), "From: a\r\n\r\nsub");

        CreateSut().Read(name).ShouldBeNull();
    }

    [Fact]
    public async Task Read_MessageFromAnotherMailer_QuotedPrintableFoldedHeadersNestedPartsDecoded()
    {
        const string raw =
            "From: =?utf-8?Q?Wikimedia_Polska?= <polska@example.org>\r\n" +
            "Subject: =?utf-8?B?WmHFvMOzxYLEhw==?=\r\n =?utf-8?Q?_g=C4=99=C5=9Bl=C4=85_ja=C5=BA=C5=84?=\r\n" +
            "Date: Sat, 21 Nov 2026 10:00:00 +0100 (CET)\r\n" +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: multipart/mixed; boundary=outer\r\n\r\n" +
            "--outer\r\n" +
            "Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n" +
            "--inner\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n" +
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
            "Za=C5=BC=C3=B3=C5=82=C4=87 a long line that is soft=\r\n" +
            " broken, 1+1=3D2\r\n" +
            "--inner\r\n" +
            "Content-Type: text/html; charset=iso-8859-1\r\n" +
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
            "<p>caf=E9</p>\r\n" +
            "--inner--\r\n" +
            "--outer\r\n" +
            "Content-Type: text/plain\r\n" +
            "Content-Disposition: attachment; filename=x.txt\r\n\r\n" +
            "attached\r\n" +
            "--outer--\r\n";
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(Path.Combine(Folder, "foreign.eml"), raw);

        var message = CreateSut().Read("foreign.eml").ShouldNotBeNull();

        message.From.ShouldBe("Wikimedia Polska <polska@example.org>");
        message.Subject.ShouldBe("Zażółć gęślą jaźń");
        message.Date.ShouldBe(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        message.Text.ShouldBe("Zażółć a long line that is soft broken, 1+1=2");
        message.Html.ShouldBe("<p>café</p>");
        message.Headers.Select(h => h.Key).ShouldBe(["From", "Subject", "Date", "MIME-Version", "Content-Type"]);
    }

    private LocalOutbox CreateSut() => new(Options.Create(new MailOptions { OutboxPath = Folder }));

    private Task SendAsync(OutboundMail mail) =>
        new LocalOutboxTransport(Options.Create(new MailOptions { OutboxPath = Folder }), new FakeTimeProvider(Now)).SendAsync(mail, default);

    private static OutboundMail Mail(string outboxId) =>
        new(outboxId, MailKinds.Acknowledgement, new Recipient("anna@example.org", "Anna Nowak"), "Subject", "text", "<p>html</p>", "pl");
}
