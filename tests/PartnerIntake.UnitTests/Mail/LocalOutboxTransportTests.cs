using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerIntake.Shared.Mail;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Mail;

/// <summary>The .eml files the local transport writes, read back as raw text and with MimeKit, in a temporary folder.</summary>
public sealed partial class LocalOutboxTransportTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private readonly string folder = Directory.CreateTempSubdirectory("pi-transport-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task SendAsync_FullMail_EveryHeaderSendGridWouldGet()
    {
        await CreateSut().SendAsync(Mail() with
        {
            ReplyTo = new Recipient("polska@example.org", "Wikimedia Polska"),
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://partners.example.org/u/abc>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            CustomArgs = new Dictionary<string, string> { ["donation_id"] = "D-7JYR-KH0B" },
        }, default);

        var headers = HeaderLines(Raw());
        headers.ShouldContain("From: Wikimedia Partnerships <partnerships@example.org>");
        headers.ShouldContain("To: \"A. Curator\" <curator@museum.example>");
        headers.ShouldContain("Reply-To: Wikimedia Polska <polska@example.org>");
        headers.ShouldContain("Subject: Thank you for your donation");
        headers.ShouldContain("Date: Sat, 21 Nov 2026 09:00:00 +0000");
        headers.ShouldContain("Message-Id: <PI-1.thanks@partnerintake.local>");
        headers.ShouldContain("Content-Language: en");
        headers.ShouldContain("X-PartnerIntake-Kind: thank-you");
        headers.ShouldContain("X-PartnerIntake-Outbox-Id: PI-1.thanks");
        headers.ShouldContain("X-PartnerIntake-Arg-donation_id: D-7JYR-KH0B");
        headers.ShouldContain("List-Unsubscribe: <https://partners.example.org/u/abc>");
        headers.ShouldContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
        headers.ShouldContain("MIME-Version: 1.0");
        headers.Select(h => h.Split(": ")[0]).ShouldBeUnique();
    }

    [Fact]
    public async Task SendAsync_TextAndHtml_MultipartAlternativeTextFirstInUtf8WithCrlf()
    {
        await CreateSut().SendAsync(Mail(), default);

        var raw = Raw();
        raw.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain('\n');
        using var message = Load();
        var body = message.Body.ShouldBeOfType<MultipartAlternative>();
        body.Select(p => p.ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
        body.OfType<TextPart>().ShouldAllBe(p => p.ContentType.Charset == "utf-8");
        message.TextBody.ShouldBe("Thank you.");
        message.HtmlBody.ShouldBe("<p>Thank you.</p>");
    }

    [Fact]
    public async Task SendAsync_LongUnsubscribeUrl_StaysOneUnencodedLine()
    {
        var url = "<https://partners.example.org/api/recognition/unsubscribe/" + new string('a', 120) + ">";

        await CreateSut().SendAsync(Mail() with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = url } }, default);

        HeaderLines(Raw()).ShouldContain("List-Unsubscribe: " + url);
    }

    [Fact]
    public async Task SendAsync_SubjectWithPunctuation_IsNotQuoted()
    {
        await CreateSut().SendAsync(Mail() with { Subject = "New inquiry PI-1: Muzeum (PL)" }, default);

        HeaderLines(Raw()).ShouldContain("Subject: New inquiry PI-1: Muzeum (PL)");
    }

    [Fact]
    public async Task SendAsync_NonAsciiSubject_IsAnEncodedWord()
    {
        await CreateSut().SendAsync(Mail() with { Subject = "Dziękujemy" }, default);

        var subject = HeaderLines(Raw()).Single(l => l.StartsWith("Subject: ", StringComparison.Ordinal));
        subject.ShouldStartWith("Subject: =?utf-8?");
        subject.ShouldNotContain("Dzi\u0119");
        using var message = Load();
        message.Subject.ShouldBe("Dziękujemy");
    }

    [Theory]
    [InlineData("Zażółć gęślą jaźń, dziękujemy za zbiory Muzeum Narodowego w Łodzi i Krakowie — współpraca")]
    [InlineData("شكراً لكم على التبرع بمجموعتكم إلى ويكيميديا كومنز، نحن ممتنون جداً لتعاونكم معنا")]
    [InlineData("żżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżżż")]
    public async Task SendAsync_LongNonAsciiSubject_FoldedIntoEncodedWordsOfAtMost75(string subject)
    {
        subject.Length.ShouldBeGreaterThanOrEqualTo(80);

        await CreateSut().SendAsync(Mail() with { Subject = subject, To = new Recipient("a@example.org", subject[..40]) }, default);

        var raw = Raw();
        var head = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        EncodedWord().Matches(head).Select(m => m.Length).ShouldAllBe(length => length <= 75);
        head.Split("\r\n").ShouldAllBe(line => line.Length <= 78);
        using var message = Load();
        message.Subject.ShouldBe(subject);
    }

    [Theory]
    [InlineData("pl", "Dziękujemy — zapytanie PI-7JYR-KH0B-H6MZ-767K", "Nowak, Żaneta", "Muzeum Narodowe w Łodzi",
        "Dzień dobry,\nżółć & <b>nie HTML</b>\n", "<p dir=\"ltr\">Dzień dobry, <b>Żaneta</b></p>")]
    [InlineData("ar", "شكراً لكم", "متحف", "ويكيميديا", "مرحبا\nشكراً", "<p dir=\"rtl\">مرحبا</p>")]
    public async Task SendAsync_ThenLoad_GivesBackSubjectNamesAddressesTextAndHtml(
        string language, string subject, string toName, string replyToName, string text, string html)
    {
        await CreateSut().SendAsync(Mail() with
        {
            Language = language,
            Subject = subject,
            To = new Recipient("anna@example.org", toName),
            ReplyTo = new Recipient("polska@example.org", replyToName),
            Text = text,
            Html = html,
        }, default);

        using var message = Load();
        message.Subject.ShouldBe(subject);
        message.To.Mailboxes.Single().ShouldSatisfyAllConditions(m => m.Name.ShouldBe(toName), m => m.Address.ShouldBe("anna@example.org"));
        message.ReplyTo.Mailboxes.Single().ShouldSatisfyAllConditions(m => m.Name.ShouldBe(replyToName), m => m.Address.ShouldBe("polska@example.org"));
        message.From.Mailboxes.Single().Address.ShouldBe("partnerships@example.org");
        message.Date.ShouldBe(Now);
        message.TextBody.ShouldBe(text);
        message.HtmlBody.ShouldBe(html);
    }

    [Fact]
    public async Task SendAsync_SameMailTwice_OneFileWithTheSameBytes()
    {
        await CreateSut().SendAsync(Mail(), default);
        var first = await File.ReadAllBytesAsync(FilePath);

        await CreateSut().SendAsync(Mail(), default);

        Directory.GetFiles(folder).ShouldBe([FilePath]);
        (await File.ReadAllBytesAsync(FilePath)).ShouldBe(first);
    }

    public static TheoryData<string, OutboundMail> HeaderInjections() => new()
    {
        { "recipient name", Mail() with { To = new Recipient("curator@museum.example", "A\r\nBcc: x@example.org") } },
        { "recipient address", Mail() with { To = new Recipient("curator@museum.example\r\nBcc: x@example.org", null) } },
        { "reply-to name", Mail() with { ReplyTo = new Recipient("polska@example.org", "Polska\n") } },
        { "reply-to address", Mail() with { ReplyTo = new Recipient("polska@example.org\r\n", null) } },
        { "subject", Mail() with { Subject = "Thank you\r\nBcc: victim@example.org" } },
        { "subject with NUL", Mail() with { Subject = "Thank\0you" } },
        { "header value", Mail() with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://x>\r\nBcc: x@example.org" } } },
        { "header name", Mail() with { Headers = new Dictionary<string, string> { ["X-A\r\nBcc"] = "x" } } },
        { "header name with colon", Mail() with { Headers = new Dictionary<string, string> { ["Bcc: x@example.org\r\nX-A"] = "x" } } },
        { "custom arg value", Mail() with { CustomArgs = new Dictionary<string, string> { ["donation_id"] = "D-1\r\n" } } },
    };

    [Theory]
    [MemberData(nameof(HeaderInjections))]
    public async Task SendAsync_LineBreakInAnythingThatReachesAHeader_RejectedAndNothingWritten(string where, OutboundMail mail)
    {
        await Should.ThrowAsync<MailRejectedException>(() => CreateSut().SendAsync(mail, default), where);

        Directory.GetFileSystemEntries(folder).ShouldBeEmpty(where);
    }

    private string FilePath => Path.Combine(folder, "PI-1.thanks.eml");

    private string Raw() => Encoding.ASCII.GetString(File.ReadAllBytes(FilePath));

    private MimeMessage Load() => MimeMessage.Load(FilePath);

    private static string[] HeaderLines(string raw) => raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");

    private LocalOutboxTransport CreateSut() =>
        new(Options.Create(new MailOptions { OutboxPath = folder }), new FakeTimeProvider(Now));

    private static OutboundMail Mail() =>
        new("PI-1.thanks", "thank-you", new Recipient("curator@museum.example", "A. Curator"), "Thank you for your donation",
            "Thank you.", "<p>Thank you.</p>", "en");

    [GeneratedRegex(@"=\?[^?]+\?[BbQq]\?[^?]*\?=")]
    private static partial Regex EncodedWord();
}
