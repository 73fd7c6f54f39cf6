using PartnerIntake.Shared.Mail;

namespace PartnerIntake.UnitTests.Mail;

public class MailTemplatesTests
{
    private static readonly MailTemplates Templates = new();
    private static readonly DateTimeOffset Received = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> AllTemplates()
    {
        var data = new TheoryData<string, string>();
        foreach (var (kind, lang) in Templates.All)
        {
            data.Add(kind, lang);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Render_EveryTemplateWithSampleModel_HasNoMissingVariables(string kind, string lang)
    {
        var rendered = Templates.Render(kind, Sample(kind, lang));

        rendered.Subject.ShouldNotBeNullOrWhiteSpace();
        rendered.Subject.ShouldNotContain("\n");
        rendered.Subject.ShouldContain("PI-TEST-0000-0000-0001");
        rendered.Text.ShouldContain("PI-TEST-0000-0000-0001");
        rendered.Html.ShouldContain("PI-TEST-0000-0000-0001");
        rendered.Text.ShouldNotContain("&amp;"); // the text part is not HTML
        rendered.Html.ShouldContain($"lang=\"{lang}\"");
        rendered.Text.ShouldNotContain("{{");
        rendered.Html.ShouldNotContain("{{");
    }

    [Fact]
    public void All_Acknowledgement_CoversTheSevenLanguages()
    {
        Templates.All.Where(t => t.Kind == MailKinds.Acknowledgement).Select(t => t.Lang)
            .ShouldBe(["ar", "de", "en", "es", "fr", "pl", "pt"], ignoreOrder: true);
    }

    [Fact]
    public void All_Accepted_CoversTheSevenLanguages()
    {
        Templates.All.Where(t => t.Kind == MailKinds.Accepted).Select(t => t.Lang)
            .ShouldBe(["ar", "de", "en", "es", "fr", "pl", "pt"], ignoreOrder: true);
    }

    [Fact]
    public void Render_Arabic_IsRightToLeft()
    {
        Templates.Render(MailKinds.Acknowledgement, Sample(MailKinds.Acknowledgement, "ar")).Html.ShouldContain("dir=\"rtl\"");
    }

    [Theory]
    [InlineData("pt-BR", "pt")]
    [InlineData("de", "de")]
    [InlineData("sw", "en")]
    public void ResolveLanguage_Requested_FallsBackToPrimaryThenEnglish(string requested, string expected)
    {
        Templates.ResolveLanguage(MailKinds.Acknowledgement, requested).ShouldBe(expected);
    }

    [Fact]
    public void Render_MarkupInUserInput_IsEscapedInHtmlAndKeptInText()
    {
        var model = (AssignmentMailModel)Sample(MailKinds.Assignment, "en") with { OrganizationName = "A & B <Museum>" };

        var rendered = Templates.Render(MailKinds.Assignment, model);

        rendered.Html.ShouldContain("A &amp; B &lt;Museum&gt;");
        rendered.Html.ShouldNotContain("<Museum>");
        rendered.Text.ShouldContain("A & B <Museum>");
    }

    [Fact]
    public void Render_Date_IsFormattedForTheReader()
    {
        Templates.Render(MailKinds.Acknowledgement, Sample(MailKinds.Acknowledgement, "de")).Text.ShouldContain("21. November 2026");
        Templates.Render(MailKinds.Acknowledgement, Sample(MailKinds.Acknowledgement, "en")).Text.ShouldContain("November 21, 2026");
    }

    [Fact]
    public void Render_MultiLineMessage_KeepsLineBreaksInHtml()
    {
        var model = (AssignmentMailModel)Sample(MailKinds.Assignment, "en") with { Message = "line one\nline <two>" };

        Templates.Render(MailKinds.Assignment, model).Html.ShouldContain("line one<br>\nline &lt;two&gt;");
    }

    private static MailModel Sample(string kind, string lang) => kind switch
    {
        MailKinds.Assignment => new AssignmentMailModel(lang, "PI-TEST-0000-0000-0001", "Wikimedia Polska", "Muzeum Narodowe",
            "museum", "PL", "Poland", null, "https://mnw.art.pl", "Anna Nowak", "anna@example.org", "Curator", "pl",
            ["content-donation"], "national", "formal", ["pl"], "5,000 scans", "Because.",
            [new CollaboratorLine("Wikimedia Foundation Culture & Heritage", "foundation-team", "thematic")], 5,
            "http://localhost:7071/api/inquiries/PI-TEST-0000-0000-0001", Received),
        MailKinds.Acknowledgement => new AcknowledgementMailModel(lang, "PI-TEST-0000-0000-0001", "Anna Nowak", "Muzeum Narodowe",
            "Wikimedia Polska", 5, "http://localhost:7071/api/inquiries/PI-TEST-0000-0000-0001", Received),
        MailKinds.Reminder => new ReminderMailModel(lang, "PI-TEST-0000-0000-0001", "Wikimedia Polska", "Muzeum Narodowe", "PL", Received.AddDays(5),
            "http://x/accept", "http://x/redirect", "http://x/decline"),
        MailKinds.Escalated => new EscalatedMailModel(lang, "PI-TEST-0000-0000-0001", "Wikimedia Polska", "Muzeum Narodowe",
            "Wikimedia Foundation Partnerships – Central & Eastern Europe", 5),
        MailKinds.Accepted => new AcceptedMailModel(lang, "PI-TEST-0000-0000-0001", "Anna Nowak", "Muzeum Narodowe", "Wikimedia Polska",
            "polska@example.org", "http://localhost:7071/api/inquiries/PI-TEST-0000-0000-0001"),
        MailKinds.Collaborator => new CollaboratorMailModel(lang, "PI-TEST-0000-0000-0001", "Wikimedia Foundation Culture & Heritage", "thematic",
            "Wikimedia Polska", "Muzeum Narodowe", "PL", ["content-donation"], "Because.", "http://localhost:7071/api/inquiries/PI-TEST-0000-0000-0001"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no sample model for this kind"),
    };
}

public class MailTemplatesStrictnessTests
{
    [Fact]
    public void Render_TemplateUsingAMissingVariable_Throws()
    {
        var templates = new MailTemplates(new Dictionary<string, string>
        {
            ["acknowledgement.en.subject"] = "Hello {{Reference}}",
            ["acknowledgement.en.text"] = "Dear {{ContactNmae}}", // typo: not a member of the model
            ["acknowledgement.en.html"] = "<p>{{Reference}}</p>",
        });
        var model = new AcknowledgementMailModel("en", "PI-1", "Anna", "Museum", "Chapter", 5, "http://x", DateTimeOffset.UnixEpoch);

        var ex = Should.Throw<Exception>(() => templates.Render(MailKinds.Acknowledgement, model));
        ex.GetType().Name.ShouldBe("HandlebarsUndefinedBindingException");
    }

    [Fact]
    public void Constructor_TemplateMissingAPart_Throws()
    {
        Should.Throw<InvalidOperationException>(() => new MailTemplates(new Dictionary<string, string>
        {
            ["acknowledgement.en.subject"] = "Hello",
        }));
    }
}
