using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using Scriban.Syntax;

namespace PartnerIntake.UnitTests.Mail;

public class MailTemplatesTests
{
    private static readonly MailTemplates Templates = new();
    private static readonly DateTimeOffset Received = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] SevenLanguages = ["ar", "de", "en", "es", "fr", "pl", "pt"];
    private const string Donation = "PI-TEST-0000-0000-0001";
    private const string Institution = "Muzeum Narodowe w Warszawie";
    private const string Collection = "Paintings of the Young Poland movement";
    private const string Category = "Category:Paintings in the National Museum in Warsaw";
    private const string CategoryUrl = "https://commons.wikimedia.org/wiki/Category:Paintings_in_the_National_Museum_in_Warsaw";
    private const string UnsubscribeUrl = "https://intake.example.org/api/recognition/unsubscribe?donation=PI-TEST-0000-0000-0001&sig=c2lnbmF0dXJl";
    private static readonly DateOnly DonatedOn = new(2026, 11, 1);
    private static readonly DateOnly PeriodStart = new(2026, 7, 1);
    private static readonly DateOnly PeriodEnd = new(2026, 9, 30);

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
    public void Render_ManyAtOnceAcrossKindsAndLanguages_EachEqualsItsRenderAlone()
    {
        // One MailTemplates serves every worker (a singleton), with Scriban's built-ins shared between renders.
        var cases = (from kind in new[] { MailKinds.Acknowledgement, RecognitionKinds.Impact }
                     from lang in SevenLanguages
                     select (Kind: kind, Lang: lang)).ToList();
        var alone = cases.ToDictionary(c => c, c => Templates.Render(c.Kind, Sample(c.Kind, c.Lang)));

        var together = new System.Collections.Concurrent.ConcurrentBag<((string Kind, string Lang) Case, RenderedMail Mail)>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var c = cases[i % cases.Count];
            together.Add((c, Templates.Render(c.Kind, Sample(c.Kind, c.Lang))));
        });

        together.Count.ShouldBe(400);
        together.ShouldAllBe(r => r.Mail == alone[r.Case]);
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
            "Museum", "Poland", "https://mnw.art.pl", "Anna Nowak", "anna@example.org", "Curator", "Polish",
            ["Share content"], "National", "Formal agreement", ["Polish"], "5,000 scans", "You received this because.",
            [new CollaboratorLine("Wikimedia Foundation Culture & Heritage", "Foundation team", "for the topic")], 5,
            "http://localhost:7071/api/inquiries/PI-TEST-0000-0000-0001", Received),
        MailKinds.Acknowledgement => new AcknowledgementMailModel(lang, "PI-TEST-0000-0000-0001", "Anna Nowak", "Muzeum Narodowe",
            "Wikimedia Polska", 5, "http://localhost:7071/api/inquiries/PI-TEST-0000-0000-0001", Received) { WithdrawUrl = "http://x/withdraw" },
        MailKinds.Reminder => new ReminderMailModel(lang, "PI-TEST-0000-0000-0001", "Wikimedia Polska", "Muzeum Narodowe", "Museum", "Poland",
            "Anna Nowak", "anna@example.org", ["Share content"], "National", "You received this because.", Received.AddDays(5),
            "http://x/accept", "http://x/redirect", "http://x/decline", "http://x/status"),
        MailKinds.Escalated => new EscalatedMailModel(lang, "PI-TEST-0000-0000-0001", "Wikimedia Polska", "Muzeum Narodowe", "Poland",
            ["Share content"], "Wikimedia Foundation Partnerships – Central & Eastern Europe", 5),
        MailKinds.Accepted => new AcceptedMailModel(lang, "PI-TEST-0000-0000-0001", "Anna Nowak", "Muzeum Narodowe", "Wikimedia Polska",
            "polska@example.org", "http://localhost:7071/api/inquiries/PI-TEST-0000-0000-0001"),
        MailKinds.Collaborator => new CollaboratorMailModel(lang, "PI-TEST-0000-0000-0001", "Wikimedia Foundation Culture & Heritage",
            "Wikimedia Polska", "Muzeum Narodowe", "Museum", "Poland", null, "Anna Nowak", "anna@example.org", null, ["Share content"], "National",
            "5,000 scans", "You received this for information.", "http://localhost:7071/api/inquiries/PI-TEST-0000-0000-0001"),
        MailKinds.TakenOn => new TakenOnMailModel(lang, "PI-TEST-0000-0000-0001", "Wikimedia Polska", "Muzeum Narodowe", "Poland", ["Share content"],
            "Anna Nowak", "anna@example.org", "Curator", "Polish", "http://x/status"),
        MailKinds.HandedOn => new HandedOnMailModel(lang, "PI-TEST-0000-0000-0001", "Anna Nowak", "Muzeum Narodowe", "Wikimedia Deutschland", 7,
            "http://x/status"),
        MailKinds.Withdrawn => new WithdrawnMailModel(lang, "PI-TEST-0000-0000-0001", "Wikimedia Polska", "Muzeum Narodowe", "Poland", ["Share content"]),
        RecognitionKinds.ThankYou => new ThankYouMailModel(lang, Donation, "Anna Nowak", Institution, Collection, 5000, "CC BY-SA 4.0",
            Category, CategoryUrl, DonatedOn, "Wikimedia Polska"),
        RecognitionKinds.Attribution => new AttributionMailModel(lang, Donation, "Anna Nowak", Institution, Collection,
            "Muzeum Narodowe w Warszawie, CC BY-SA 4.0", Category, CategoryUrl, "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        RecognitionKinds.Impact => new ImpactMailModel(lang, Donation, "Anna Nowak", Institution, Collection, 5000, Category, CategoryUrl,
            PeriodStart, PeriodEnd, new ImpactFigures(1234, 2345, 42, 12345), UnsubscribeUrl),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no sample model for this kind"),
    };

    public static TheoryData<string, string> RecognitionTemplates()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in RecognitionKinds.All)
        {
            foreach (var lang in SevenLanguages)
            {
                data.Add(kind, lang);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RecognitionKindNames))]
    public void All_RecognitionKind_CoversTheSevenLanguages(string kind)
    {
        Templates.All.Where(t => t.Kind == kind).Select(t => t.Lang).ShouldBe(SevenLanguages, ignoreOrder: true);
    }

    public static TheoryData<string> RecognitionKindNames() => new(RecognitionKinds.All);

    [Theory]
    [MemberData(nameof(RecognitionTemplates))]
    public void Render_Recognition_NamesTheInstitutionAndTheCollectionInEveryPart(string kind, string lang)
    {
        var rendered = Templates.Render(kind, Sample(kind, lang));

        rendered.Subject.ShouldContain(Institution);
        rendered.Subject.ShouldContain(Collection);
        rendered.Text.ShouldContain(Institution);
        rendered.Text.ShouldContain(Collection);
        rendered.Html.ShouldContain(Institution);
        rendered.Html.ShouldContain(Collection);
        rendered.Text.ShouldNotContain("\n\n\n"); // conditional blocks leave no holes
    }

    [Theory]
    [MemberData(nameof(RecognitionKindNames))]
    public void Render_RecognitionInArabic_IsRightToLeft(string kind)
    {
        var html = Templates.Render(kind, Sample(kind, "ar")).Html;

        html.ShouldContain("lang=\"ar\"");
        html.ShouldContain("dir=\"rtl\"");
        Templates.Render(kind, Sample(kind, "fr")).Html.ShouldContain("dir=\"ltr\"");
    }

    [Theory]
    [InlineData("en", "12,345")]
    [InlineData("de", "12.345")]
    [InlineData("es", "12.345")]
    [InlineData("pt", "12.345")]
    [InlineData("fr", "12\u202F345")]
    [InlineData("pl", "12\u00A0345")]
    [InlineData("ar", "12\u066C345")]
    public void Render_ImpactFigures_AreFormattedForTheReader(string lang, string expected)
    {
        var cultureOutput = 12345.ToString("N0", CultureInfo.GetCultureInfo(lang));
        if (lang is "fr" or "pl")
        {
            cultureOutput[2].ShouldBeOneOf('\u00A0', '\u202F'); // a (narrow) no-break space, never a breakable one
        }

        var rendered = Templates.Render(RecognitionKinds.Impact, Sample(RecognitionKinds.Impact, lang));

        cultureOutput.ShouldBe(expected, "the ICU data of this machine changed; the templates follow the culture");
        rendered.Text.ShouldContain(cultureOutput);
        WebUtility.HtmlDecode(rendered.Html).ShouldContain(cultureOutput);
        rendered.Text.ShouldNotContain("12345");
    }

    [Theory]
    [InlineData("en", "November 1, 2026", "July 1, 2026", "September 30, 2026")]
    [InlineData("de", "1. November 2026", "1. Juli 2026", "30. September 2026")]
    [InlineData("es", "1 de noviembre de 2026", "1 de julio de 2026", "30 de septiembre de 2026")]
    [InlineData("fr", "1 novembre 2026", "1 juillet 2026", "30 septembre 2026")]
    [InlineData("pl", "1 listopada 2026", "1 lipca 2026", "30 września 2026")]
    [InlineData("pt", "1 de novembro de 2026", "1 de julho de 2026", "30 de setembro de 2026")]
    [InlineData("ar", "1 نوفمبر 2026", "1 يوليو 2026", "30 سبتمبر 2026")]
    public void Render_RecognitionDays_AreFormattedForTheReader(string lang, string donatedOn, string periodStart, string periodEnd)
    {
        var thankYou = Templates.Render(RecognitionKinds.ThankYou, Sample(RecognitionKinds.ThankYou, lang));
        var impact = Templates.Render(RecognitionKinds.Impact, Sample(RecognitionKinds.Impact, lang));

        thankYou.Text.ShouldContain(donatedOn);
        thankYou.Html.ShouldContain(donatedOn);
        impact.Text.ShouldContain(periodStart);
        impact.Text.ShouldContain(periodEnd);
        impact.Html.ShouldContain(periodEnd);
    }

    [Theory]
    [InlineData("en", "No usage figures are available yet for this period.")]
    [InlineData("de", "Für diesen Zeitraum liegen noch keine Nutzungszahlen vor.")]
    [InlineData("es", "Todavía no hay cifras de uso disponibles para este periodo.")]
    [InlineData("fr", "Aucun chiffre d’utilisation n’est encore disponible pour cette période.")]
    [InlineData("pl", "Za ten okres nie mamy jeszcze danych o wykorzystaniu plików.")]
    [InlineData("pt", "Ainda não há números de utilização disponíveis para este período.")]
    [InlineData("ar", "لا تتوفّر أرقام استخدام لهذه الفترة حتى الآن.")]
    public void Render_ImpactWithoutFigures_SaysSoAndShowsNoNumbers(string lang, string noFigures)
    {
        var model = (ImpactMailModel)Sample(RecognitionKinds.Impact, lang) with { Figures = null };

        var rendered = Templates.Render(RecognitionKinds.Impact, model);

        rendered.Text.ShouldContain(noFigures);
        rendered.Html.ShouldContain(noFigures);
        var withFigures = Templates.Render(RecognitionKinds.Impact, Sample(RecognitionKinds.Impact, lang));
        rendered.Text.Length.ShouldBeLessThan(withFigures.Text.Length);
        // Once the reference, the links and the period are taken out, no digit is left: nothing was invented.
        WithoutKnownValues(rendered.Text, lang).ShouldNotMatch(@"\d");
        WithoutKnownValues(WebUtility.HtmlDecode(Regex.Replace(rendered.Html, "<[^>]*>", " ")), lang).ShouldNotMatch(@"\d");
    }

    [Theory]
    [MemberData(nameof(SevenLanguageNames))]
    public void Render_Impact_CarriesTheUnsubscribeLinkInBothParts(string lang)
    {
        var withFigures = Templates.Render(RecognitionKinds.Impact, Sample(RecognitionKinds.Impact, lang));
        var withoutFigures = Templates.Render(RecognitionKinds.Impact, (ImpactMailModel)Sample(RecognitionKinds.Impact, lang) with { Figures = null });

        foreach (var rendered in new[] { withFigures, withoutFigures })
        {
            rendered.Text.ShouldContain(UnsubscribeUrl);
            WebUtility.HtmlDecode(rendered.Html).ShouldContain($"href=\"{UnsubscribeUrl}\"");
        }
    }

    public static TheoryData<string> SevenLanguageNames() => new(SevenLanguages);

    [Fact]
    public void Render_ThankYouWithoutBroker_LeavesTheBrokerOut()
    {
        var brokered = Templates.Render(RecognitionKinds.ThankYou, Sample(RecognitionKinds.ThankYou, "en"));
        var direct = Templates.Render(RecognitionKinds.ThankYou, (ThankYouMailModel)Sample(RecognitionKinds.ThankYou, "en") with { BrokeredBy = null });

        brokered.Text.ShouldContain("Our thanks also go to Wikimedia Polska");
        brokered.Html.ShouldContain("Our thanks also go to Wikimedia Polska");
        direct.Text.ShouldNotContain("Our thanks also go to");
        direct.Html.ShouldNotContain("Our thanks also go to");
        direct.Text.ShouldContain("5,000");
    }

    [Fact]
    public void Render_AttributionWithoutLicenseUrl_NamesTheLicenceWithoutALink()
    {
        var model = (AttributionMailModel)Sample(RecognitionKinds.Attribution, "en") with { LicenseUrl = null };

        var rendered = Templates.Render(RecognitionKinds.Attribution, model);

        rendered.Text.ShouldContain("name the licence, CC BY-SA 4.0, and link");
        rendered.Html.ShouldContain("name the licence, CC BY-SA 4.0, and link");
        rendered.Html.ShouldNotContain("creativecommons.org");
    }

    [Fact]
    public void Render_AttributionWithLicenseUrl_LinksTheLicence()
    {
        var rendered = Templates.Render(RecognitionKinds.Attribution, Sample(RecognitionKinds.Attribution, "en"));

        rendered.Text.ShouldContain("CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)");
        WebUtility.HtmlDecode(rendered.Html).ShouldContain("<a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">CC BY-SA 4.0</a>");
    }

    [Fact]
    public void Render_MarkupInCreditLine_IsEscapedInHtmlAndKeptInText()
    {
        var model = (AttributionMailModel)Sample(RecognitionKinds.Attribution, "en") with { CreditLine = "A & B <Museum>" };

        var rendered = Templates.Render(RecognitionKinds.Attribution, model);

        rendered.Html.ShouldContain("A &amp; B &lt;Museum&gt;");
        rendered.Html.ShouldNotContain("<Museum>");
        rendered.Text.ShouldContain("A & B <Museum>");
    }

    private static string WithoutKnownValues(string rendered, string lang)
    {
        var culture = CultureInfo.GetCultureInfo(lang);
        return rendered
            .Replace(UnsubscribeUrl, "", StringComparison.Ordinal)
            .Replace(CategoryUrl, "", StringComparison.Ordinal)
            .Replace(Donation, "", StringComparison.Ordinal)
            .Replace(PeriodStart.ToString("D", culture), "", StringComparison.Ordinal)
            .Replace(PeriodEnd.ToString("D", culture), "", StringComparison.Ordinal);
    }
}

public class MailTemplatesStrictnessTests
{
    private static readonly AcknowledgementMailModel Acknowledgement =
        new("en", "PI-1", "Anna", "Museum", "Chapter", 5, "http://x", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Render_TemplateUsingAMissingVariable_Throws()
    {
        var templates = new MailTemplates(new Dictionary<string, string>
        {
            ["acknowledgement.en.subject"] = "Hello {{ reference }}",
            ["acknowledgement.en.text"] = "Dear {{ contact_nmae }}", // typo: not a member of the model
            ["acknowledgement.en.html"] = "<p>{{ reference }}</p>",
        });

        Should.Throw<ScriptRuntimeException>(() => templates.Render(MailKinds.Acknowledgement, Acknowledgement))
            .Message.ShouldContain("contact_nmae");
    }

    [Fact]
    public void Render_TemplateUsingAMissingMember_Throws()
    {
        var templates = new MailTemplates(new Dictionary<string, string>
        {
            ["impact.en.subject"] = "Report {{ reference }}",
            ["impact.en.text"] = "{{ figures.page_veiws | object.format \"N0\" }}", // typo: not a member of ImpactFigures
            ["impact.en.html"] = "<p>{{ reference }}</p>",
        });
        var model = new ImpactMailModel("en", "D-1", "Anna", "Museum", "Paintings", 10, "Category:X", "http://x",
            new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30), new ImpactFigures(1, 2, 3, 4), "http://x/unsubscribe");

        Should.Throw<ScriptRuntimeException>(() => templates.Render(RecognitionKinds.Impact, model))
            .Message.ShouldContain("page_veiws");
    }

    [Fact]
    public void Render_TemplateUsingAMissingPartial_Throws()
    {
        var templates = new MailTemplates(new Dictionary<string, string>
        {
            ["acknowledgement.en.subject"] = "Hello {{ reference }}",
            ["acknowledgement.en.text"] = "{{ partial \"footer.txt\" }}",
            ["acknowledgement.en.html"] = "<p>{{ reference }}</p>",
        });

        Should.Throw<ScriptRuntimeException>(() => templates.Render(MailKinds.Acknowledgement, Acknowledgement))
            .Message.ShouldContain("footer.txt");
    }

    [Fact]
    public void Constructor_TemplateMissingAPart_Throws()
    {
        Should.Throw<InvalidOperationException>(() => new MailTemplates(new Dictionary<string, string>
        {
            ["acknowledgement.en.subject"] = "Hello",
        }));
    }

    [Theory]
    [InlineData("<p>{{ if reference }}</p>")] // no end
    [InlineData("<p>{{ reference }}</p>{{ reference")] // Scriban takes this for text
    public void Constructor_TemplateThatDoesNotParse_Throws(string html)
    {
        Should.Throw<InvalidOperationException>(() => new MailTemplates(new Dictionary<string, string>
        {
            ["acknowledgement.en.subject"] = "Hello",
            ["acknowledgement.en.text"] = "Hello",
            ["acknowledgement.en.html"] = html,
        })).Message.ShouldContain("acknowledgement/en.html.sbn");
    }
}
