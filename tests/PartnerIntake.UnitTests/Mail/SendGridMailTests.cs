using System.Text.Json;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.UnitTests.Mail;

public class SendGridMailTests
{
    private static readonly Recipient From = new("partnerships@example.org", "Wikimedia Partnerships");

    [Fact]
    public void Create_FullMail_SerializesSendGridsSnakeCaseShape()
    {
        var json = Json(SendGridMail.Create(Mail() with
        {
            ReplyTo = new Recipient("polska@example.org", "Wikimedia Polska"),
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://partners.example.org/api/recognition/unsubscribe/abc>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            CustomArgs = new Dictionary<string, string> { ["donation_id"] = "D-7JYR-KH0B" },
        }, From));

        json.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["personalizations", "from", "reply_to", "subject", "content", "categories", "headers", "tracking_settings"], ignoreOrder: true);
        var personalization = json.GetProperty("personalizations").EnumerateArray().ShouldHaveSingleItem();
        personalization.EnumerateObject().Select(p => p.Name).ShouldBe(["to", "custom_args"], ignoreOrder: true);
        personalization.GetProperty("to")[0].GetProperty("email").GetString().ShouldBe("curator@museum.example");
        personalization.GetProperty("to")[0].GetProperty("name").GetString().ShouldBe("A. Curator");
        personalization.GetProperty("custom_args").GetProperty("outbox_id").GetString().ShouldBe("PI-1.thanks");
        personalization.GetProperty("custom_args").GetProperty("donation_id").GetString().ShouldBe("D-7JYR-KH0B");
        json.GetProperty("from").GetProperty("email").GetString().ShouldBe("partnerships@example.org");
        json.GetProperty("reply_to").GetProperty("email").GetString().ShouldBe("polska@example.org");
        json.GetProperty("reply_to").GetProperty("name").GetString().ShouldBe("Wikimedia Polska");
        json.GetProperty("subject").GetString().ShouldBe("Thank you for your donation");
        json.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["thank-you"]);
        json.GetProperty("headers").GetProperty("X-Entity-Ref-ID").GetString().ShouldBe("PI-1.thanks");
        json.GetProperty("headers").GetProperty("List-Unsubscribe").GetString().ShouldBe("<https://partners.example.org/api/recognition/unsubscribe/abc>");
        json.GetProperty("headers").GetProperty("List-Unsubscribe-Post").GetString().ShouldBe("List-Unsubscribe=One-Click");
        json.GetProperty("tracking_settings").GetProperty("click_tracking").GetProperty("enable").GetBoolean().ShouldBeFalse();
        json.GetProperty("tracking_settings").GetProperty("open_tracking").GetProperty("enable").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void Create_TextAndHtml_TextPlainComesFirst()
    {
        var content = Json(SendGridMail.Create(Mail(), From)).GetProperty("content");

        content.GetArrayLength().ShouldBe(2);
        content[0].GetProperty("type").GetString().ShouldBe("text/plain");
        content[0].GetProperty("value").GetString().ShouldBe("Thank you.");
        content[1].GetProperty("type").GetString().ShouldBe("text/html");
        content[1].GetProperty("value").GetString().ShouldBe("<p>Thank you.</p>");
    }

    [Fact]
    public void Create_NoReplyToHeadersOrArgs_OmitsReplyToAndKeepsOutboxId()
    {
        var json = Json(SendGridMail.Create(Mail(), From));

        json.TryGetProperty("reply_to", out _).ShouldBeFalse();
        json.GetProperty("personalizations")[0].GetProperty("custom_args").EnumerateObject().Select(p => p.Name).ShouldBe(["outbox_id"]);
        json.GetProperty("headers").EnumerateObject().Select(p => p.Name).ShouldBe(["X-Entity-Ref-ID"]);
    }

    [Theory]
    [InlineData("Curator, A.; PhD", "Curator A. PhD")]
    [InlineData("Muzeum; Narodowe", "Muzeum Narodowe")]
    [InlineData(";,", null)]
    [InlineData("Ana María", "Ana María")]
    public void Create_NameWithSemicolonsOrCommas_TheyAreRemoved(string name, string? expected)
    {
        var message = SendGridMail.Create(Mail() with { To = new Recipient("curator@museum.example", name) }, new Recipient("p@example.org", "Partners, Team"));

        message.Personalizations[0].Tos[0].Name.ShouldBe(expected);
        message.From.Name.ShouldBe("Partners Team");
    }

    [Theory]
    [InlineData("Thank you\r\nBcc: victim@example.org")]
    [InlineData("Thank you\nfor it")]
    [InlineData("Thank you\r")]
    [InlineData("Thank\0you")]
    public void Create_SubjectWithLineBreakOrNul_Rejected(string subject)
    {
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(Mail() with { Subject = subject }, From));
    }

    public static TheoryData<string, OutboundMail> HeaderInjections() => new()
    {
        { "recipient name", Mail() with { To = new Recipient("curator@museum.example", "A\r\nBcc: x@example.org") } },
        { "recipient address", Mail() with { To = new Recipient("curator@museum.example\r\nBcc: x@example.org", null) } },
        { "reply-to name", Mail() with { ReplyTo = new Recipient("polska@example.org", "Polska\n") } },
        { "reply-to address", Mail() with { ReplyTo = new Recipient("polska@example.org\r\n", null) } },
        { "header value", Mail() with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://x>\r\nBcc: x@example.org" } } },
        { "header name", Mail() with { Headers = new Dictionary<string, string> { ["X-A\r\nBcc"] = "x" } } },
        { "header name with colon", Mail() with { Headers = new Dictionary<string, string> { ["Bcc: x@example.org\r\nX-A"] = "x" } } },
        { "custom arg value", Mail() with { CustomArgs = new Dictionary<string, string> { ["donation_id"] = "D-1\r\n" } } },
    };

    [Theory]
    [MemberData(nameof(HeaderInjections))]
    public void Create_LineBreakInAnythingThatReachesAHeader_Rejected(string where, OutboundMail mail)
    {
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(mail, From), where);
    }

    [Fact]
    public void Create_SenderNameWithLineBreak_Rejected()
    {
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(Mail(), new Recipient("p@example.org", "Partners\r\nBcc: x@example.org")));
    }

    [Theory]
    [InlineData("To")]
    [InlineData("bcc")]
    [InlineData("Subject")]
    [InlineData("Reply-To")]
    [InlineData("Content-Type")]
    [InlineData("X-PartnerIntake-Kind")]
    [InlineData("X-Entity-Ref-ID")]
    public void Create_ReservedExtraHeader_Rejected(string name)
    {
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(Mail() with { Headers = new Dictionary<string, string> { [name] = "x" } }, From));
    }

    [Theory]
    [InlineData("outbox_id", "other")]
    [InlineData("email", "x")]
    [InlineData("Donation-Id", "D-1")]
    [InlineData("contact", "anna@example.org")]
    public void Create_ReservedOrPersonalCustomArg_Rejected(string key, string value)
    {
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(Mail() with { CustomArgs = new Dictionary<string, string> { [key] = value } }, From));
    }

    [Fact]
    public void Create_OverlongSubjectNameOrHeader_Rejected()
    {
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(Mail() with { Subject = new string('x', MailRules.MaxSubjectLength + 1) }, From));
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(
            Mail() with { To = new Recipient("curator@museum.example", new string('x', MailRules.MaxNameLength + 1)) }, From));
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(
            Mail() with { Headers = new Dictionary<string, string> { ["X-Long"] = new string('x', MailRules.MaxHeaderValueLength + 1) } }, From));
    }

    [Fact]
    public void Create_NonAsciiHeaderValue_Rejected()
    {
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(
            Mail() with { Headers = new Dictionary<string, string> { ["X-Note"] = "Zürich" } }, From));
    }

    [Fact]
    public void Create_DisplayNameInsteadOfAddress_Rejected()
    {
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(Mail() with { To = new Recipient("A <curator@museum.example>", null) }, From));
    }

    [Theory]
    [InlineData("Thank you.", "", "text/plain")]
    [InlineData("", "<p>Thank you.</p>", "text/html")]
    public void Create_OnlyOnePart_HasOnlyThatPart(string text, string html, string type)
    {
        var content = Json(SendGridMail.Create(Mail() with { Text = text, Html = html }, From)).GetProperty("content");

        content.EnumerateArray().Select(c => c.GetProperty("type").GetString()).ShouldBe([type]);
    }

    [Fact]
    public void Create_NeitherTextNorHtml_Rejected()
    {
        Should.Throw<MailRejectedException>(() => SendGridMail.Create(Mail() with { Text = "", Html = "" }, From));
    }

    private static JsonElement Json(SendGrid.Helpers.Mail.SendGridMessage message) => JsonDocument.Parse(message.Serialize()).RootElement;

    private static OutboundMail Mail() =>
        new("PI-1.thanks", "thank-you", new Recipient("curator@museum.example", "A. Curator"), "Thank you for your donation",
            "Thank you.", "<p>Thank you.</p>", "en");
}
