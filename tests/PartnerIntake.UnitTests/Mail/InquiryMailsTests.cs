using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Mail;

/// <summary>The mails of a routed inquiry, built from the seed tables and rendered by the real templates.</summary>
public class InquiryMailsTests
{
    private const string Team = "partners-team@example.org";
    private static readonly RoutingTables Tables = Builders.SeedTables();
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Assignment_UkMuseum_ShowsTheFormsLabelsAndTheCountryNameNotCodes()
    {
        var (inquiry, assignment) = Routed(Builders.Submission(country: "GB", topics: ["content-donation", "language-culture"], language: "en") with
        {
            ContentLanguages = ["cy", "en"],
        });

        var mail = CreateSut().Assignment(inquiry, assignment, Tables.Entity(assignment.Assignee.Id)!.Languages);

        mail.Language.ShouldBe("en");
        foreach (var part in new[] { mail.Text, mail.Html })
        {
            part.ShouldContain("United Kingdom");
            part.ShouldNotContain("Britain (UK)");
            part.ShouldNotContain("(GB)");
            part.ShouldContain("Share content, Languages and culture");
            part.ShouldNotContain("content-donation");
            part.ShouldContain("National", Case.Sensitive);
            part.ShouldContain("Museum");
            part.ShouldContain("Welsh, English");
            part.ShouldContain("Informal collaboration");
            part.ShouldNotContain("prefers en");
        }

        mail.Text.ShouldContain("Writes in: English");
        mail.Text.ShouldContain("Scale: National", Case.Sensitive);
        mail.Text.ShouldContain("Location: United Kingdom\n");
    }

    [Fact]
    public void Assignment_FirstAssignee_SaysWhyInOneHumanSentence()
    {
        var (inquiry, assignment) = Routed(Builders.Submission(country: "GB", language: "en"));

        var mail = CreateSut().Assignment(inquiry, assignment, ["en"]);

        mail.Text.ShouldContain("You received this because you are the chapter for United Kingdom, and the partner is interested in: Share content.");
        mail.Text.ShouldNotContain("policy is");
        mail.Text.ShouldNotContain("Routed to");
    }

    [Fact]
    public void Assignment_Html_HasThreeButtonsAndTheTextHasTheirLinks()
    {
        var (inquiry, assignment) = Routed(Builders.Submission());
        var sut = CreateSut();

        var mail = sut.Assignment(inquiry, assignment, ["pl"]);

        foreach (var action in new[] { AssignmentAction.Accept, AssignmentAction.Redirect, AssignmentAction.Decline })
        {
            var url = sut.ActionUrl(inquiry.Reference, assignment.Sequence, action);
            mail.Html.ShouldContain($"<a href=\"{Encoded(url)}\" style=\"display: inline-block;");
            mail.Text.ShouldContain(url);
        }

        mail.Html.ShouldContain("role=\"presentation\"");
    }

    [Fact]
    public void Assignment_BeforeAcceptance_RepliesReachThePartnershipsTeam()
    {
        var (inquiry, assignment) = Routed(Builders.Submission());

        var mail = CreateSut().Assignment(inquiry, assignment, ["pl"]);

        mail.ReplyTo.ShouldBe(new Recipient(Team, "Wikimedia Partnerships"));
        mail.Text.ShouldContain("anna@example.org"); // the partner's contact is in the mail all the same
    }

    [Fact]
    public void Assignment_WithoutReplyToSetting_RepliesReachTheSender()
    {
        var (inquiry, assignment) = Routed(Builders.Submission());
        var sut = new InquiryMails(new MailTemplates(), Options.Create(new AppOptions()), Links(), new FixedTime(),
            Options.Create(new MailOptions { FromEmail = "sender@example.org" }));

        sut.Assignment(inquiry, assignment, ["pl"]).ReplyTo!.Email.ShouldBe("sender@example.org");
    }

    [Fact]
    public void TakenOn_AfterAcceptance_RepliesReachThePartner()
    {
        var (inquiry, assignment) = Routed(Builders.Submission());

        var mail = CreateSut().TakenOn(inquiry, assignment with { State = AssignmentState.Accepted }, ["pl"]);

        mail.ReplyTo.ShouldBe(new Recipient("anna@example.org", "Anna Nowak"));
        mail.To.Email.ShouldBe(assignment.AssigneeContact);
        mail.Language.ShouldBe("pl");
        mail.Html.ShouldContain("href=\"mailto:anna@example.org\" style=\"display: inline-block;");
        mail.Text.ShouldContain("anna@example.org");
    }

    [Theory]
    [InlineData("wikimedia-polska", "pl")]
    [InlineData("wikimedia-deutschland", "de")]
    [InlineData("wikimedia-armenia", "en")] // hy is not one of the seven; en is its next
    [InlineData("wikimedia-korea", "en")] // none of the seven: English
    [InlineData("wikimedia-ma-morocco", "ar")]
    [InlineData("amical-wikimedia", "es")] // ca first, then es
    public void EntityLanguage_EntityWorkingLanguages_FirstOfTheSeven(string entityId, string expected)
    {
        CreateSut().EntityLanguage(MailKinds.Assignment, Tables.Entity(entityId)!.Languages).ShouldBe(expected);
    }

    [Fact]
    public void Assignment_ToWikimediaPolska_IsInPolishWithPolishLabels()
    {
        var (inquiry, assignment) = Routed(Builders.Submission(language: "en"));
        assignment.Assignee.Id.ShouldBe("wikimedia-polska");

        var mail = CreateSut().Assignment(inquiry, assignment, Tables.Entity("wikimedia-polska")!.Languages);

        mail.Language.ShouldBe("pl");
        mail.Subject.ShouldContain("Polska");
        mail.Text.ShouldContain(MailText.Topic("content-donation", "pl"));
        mail.Text.ShouldNotContain("content-donation");
        mail.Text.ShouldContain("Przyjmij: ");
        mail.Text.ShouldContain("Preferowany język: angielski");
        mail.Html.ShouldContain("lang=\"pl\"");
    }

    [Fact]
    public void Assignment_InArabic_IsRightToLeft()
    {
        var (inquiry, assignment) = Routed(Builders.Submission(country: "MA"));

        var mail = CreateSut().Assignment(inquiry, assignment, Tables.Entity(assignment.Assignee.Id)!.Languages);

        mail.Language.ShouldBe("ar");
        mail.Html.ShouldContain("dir=\"rtl\"");
        mail.Text.ShouldContain("المغرب");
    }

    [Fact]
    public void Assignment_AfterRedirect_SaysWhoRedirectedItAndWhyOnce()
    {
        var (inquiry, first) = Routed(Builders.Submission());
        var redirected = first with { State = AssignmentState.Redirected, Reason = "The collection is German.", HandedTo = "wikimedia-deutschland" };
        var next = Next(first, "wikimedia-deutschland");

        var mail = CreateSut().Assignment(inquiry, next, ["en"], handOn: new HandOn(redirected, NextInLine.Fallback, []));

        mail.Text.ShouldContain("Wikimedia Polska redirected it to you: “The collection is German.”");
        mail.Text.ShouldNotContain("Routed to");
        mail.Text.ShouldNotContain("chapter for Poland");
        CountOf(mail.Text, "The collection is German.").ShouldBe(1);
        CountOf(mail.Html, "The collection is German.").ShouldBe(1);
    }

    [Fact]
    public void Assignment_AfterOperatorReassignment_SaysThePartnershipsTeamNotTheOldAssignee()
    {
        var (inquiry, first) = Routed(Builders.Submission());
        var reassigned = first with
        {
            State = AssignmentState.Redirected, Reason = "Better placed in Germany.", HandedTo = "wikimedia-deutschland",
            ActedBy = Actors.Operator("ops@wikimedia.example"),
        };
        var next = Next(first, "wikimedia-deutschland");

        var mail = CreateSut().Assignment(inquiry, next, ["en"], handOn: new HandOn(reassigned, NextInLine.Fallback, []));

        mail.Text.ShouldContain("The partnerships team reassigned it to you: “Better placed in Germany.”");
        mail.Text.ShouldNotContain("Wikimedia Polska redirected it");
        mail.Text.ShouldNotContain("ops@wikimedia.example");
    }

    [Fact]
    public void Assignment_AfterDeclineToTriage_SaysTheDeclineAndWhyTriageIsNext()
    {
        var (inquiry, first) = Routed(Builders.Submission(country: "EG"));
        var declined = first with { State = AssignmentState.Declined, Reason = "No capacity this year." };
        var next = Next(first, RoutingTables.TriageEntityId);

        var text = CreateSut().Assignment(inquiry, next, ["en"], handOn: new HandOn(declined, NextInLine.Triage, [])).Text;

        text.ShouldContain($"{first.Assignee.Name} declined it (“No capacity this year.”); you are next because Foundation partnerships triage takes on what nobody else in line can.");
        CountOf(text, "No capacity this year.").ShouldBe(1);
    }

    [Fact]
    public void Assignment_AfterDeclineToAnotherInTheArea_SaysTheyAlsoCoverIt()
    {
        var (inquiry, first) = Routed(Builders.Submission(country: "US", subdivision: "US-NY", language: "en"));
        first.Assignee.Id.ShouldBe("wikimedia-nyc");
        var declined = first with { State = AssignmentState.Declined, Reason = "Outside our city." };

        var text = CreateSut().Assignment(inquiry, Next(first, "wmf-region-na"), ["en"], handOn: new HandOn(declined, NextInLine.Region, [])).Text;

        text.ShouldContain("Wikimedia New York City declined it (“Outside our city.”); you are next because you also cover New York (United States).");
    }

    [Fact]
    public void Assignment_AfterEscalation_SaysThePreviousDidNotConfirmInTime()
    {
        var (inquiry, first) = Routed(Builders.Submission());
        var escalated = first with { State = AssignmentState.Escalated };

        var text = CreateSut().Assignment(inquiry, Next(first, "wmf-region-cee"), ["en"], handOn: new HandOn(escalated, NextInLine.Fallback, [])).Text;

        text.ShouldContain("It was escalated to you because Wikimedia Polska did not confirm within 5 business days.");
        text.ShouldNotContain("Routed to");
    }

    [Fact]
    public void Assignment_SecondHandOn_ListsTheEarlierHopOnceAndTheLastInTheSentence()
    {
        var (inquiry, first) = Routed(Builders.Submission());
        var redirected = first with { State = AssignmentState.Redirected, Reason = "The collection is German." };
        var second = Next(first, "wikimedia-deutschland") with { State = AssignmentState.Declined, Reason = "Too big for us." };

        var text = CreateSut().Assignment(inquiry, Next(second, RoutingTables.TriageEntityId), ["en"],
            handOn: new HandOn(second, NextInLine.Triage, [redirected])).Text;

        text.ShouldContain("- Wikimedia Polska redirected it (“The collection is German.”)");
        text.ShouldContain("Wikimedia Deutschland declined it (“Too big for us.”)");
        CountOf(text, "Too big for us.").ShouldBe(1);
        CountOf(text, "The collection is German.").ShouldBe(1);
    }

    [Fact]
    public void Collaborator_ThematicRole_SaysWhyWithoutJargon()
    {
        var (inquiry, assignment) = Routed(Builders.Submission(country: "GB", topics: ["health-medicine"], language: "en"));
        var collaborator = assignment.Decision.Collaborators.Single();

        var mail = CreateSut().Collaborator(inquiry, assignment, collaborator, Tables.Entity(collaborator.Id)!);

        mail.Text.ShouldNotContain("involved as");
        mail.Text.ShouldContain("Health and medicine");
        mail.Text.ShouldContain("anna@example.org");
        mail.ReplyTo!.Email.ShouldBe(Team);
        mail.Html.ShouldContain("style=\"display: inline-block;");
    }

    [Fact]
    public void Reminder_CarriesTheButtonsTheWhyAndRepliesToTheTeam()
    {
        var (inquiry, assignment) = Routed(Builders.Submission());

        var mail = CreateSut().Reminder(inquiry, assignment, ["pl"]);

        mail.Language.ShouldBe("pl");
        mail.ReplyTo!.Email.ShouldBe(Team);
        CountOf(mail.Html, "style=\"display: inline-block;").ShouldBe(3);
        mail.Text.ShouldContain("Otrzymują Państwo to zapytanie, ponieważ");
    }

    [Fact]
    public void Escalated_ToThePreviousAssignee_IsInItsLanguageAndNamesTheNewOne()
    {
        var (inquiry, first) = Routed(Builders.Submission());

        var mail = CreateSut().Escalated(inquiry, first, Next(first, "wmf-region-cee"), ["de"]);

        mail.Language.ShouldBe("de");
        mail.Subject.ShouldContain(Tables.Entity("wmf-region-cee")!.Name);
        mail.ReplyTo!.Email.ShouldBe(Team);
    }

    [Theory]
    [InlineData("en", "will confirm within 7 business days that they have taken it on")]
    [InlineData("de", "bestätigt innerhalb von 7 Werktagen")]
    [InlineData("es", "confirmará en un plazo de 7 días hábiles")]
    [InlineData("fr", "confirmera dans un délai de 7 jours ouvrés")]
    [InlineData("pl", "W ciągu 7 dni roboczych")]
    [InlineData("pt", "confirmará no prazo de 7 dias úteis")]
    [InlineData("ar", "خلال 7 أيام عمل")]
    public void HandedOn_ToThePartner_NamesTheNewEntityAndItsSlaInTheirLanguage(string lang, string promise)
    {
        var (inquiry, first) = Routed(Builders.Submission(language: lang));
        var next = Next(first, "wikimedia-community-ug-kenya") with { AckSlaDays = 7 };

        var mail = CreateSut().HandedOn(inquiry, next);

        mail.Language.ShouldBe(lang);
        mail.To.Email.ShouldBe("anna@example.org");
        mail.OutboxId.ShouldBe($"{inquiry.Reference}.handed-on.2");
        foreach (var part in new[] { mail.Subject, mail.Text, mail.Html })
        {
            part.ShouldContain("Wikimedia Community User Group Kenya");
        }

        mail.Text.ShouldContain(promise);
        mail.Html.ShouldContain(promise);
    }

    [Fact]
    public void Acknowledgement_PromisesTheConfirmationNotAnAnswer()
    {
        var (inquiry, assignment) = Routed(Builders.Submission(language: "en"));

        var text = CreateSut().Acknowledgement(inquiry, assignment).Text;

        text.ShouldContain("Wikimedia Polska, who will confirm within 5 business days that they have taken it on.");
        text.ShouldNotContain("get in touch with you within");
    }

    [Fact]
    public void Accepted_ToThePartner_RepliesReachTheEntity()
    {
        var (inquiry, assignment) = Routed(Builders.Submission());

        var mail = CreateSut().Accepted(inquiry, assignment with { State = AssignmentState.Accepted });

        mail.ReplyTo!.Email.ShouldBe(assignment.AssigneeContact);
    }

    private static InquiryMails CreateSut() =>
        new(new MailTemplates(), Options.Create(new AppOptions()), Links(), new FixedTime(),
            Options.Create(new MailOptions { FromEmail = "sender@example.org", ReplyToEmail = Team }));

    private static ActionLinks Links() => new(Options.Create(new LinkOptions { SigningKey = new string('k', 32) }), new FixedTime());

    private static (Inquiry Inquiry, InquiryAssignment Assignment) Routed(InquirySubmission submission)
    {
        var decision = Router.Route(submission, Tables);
        var entity = Tables.Entity(decision.Primary.Id)!;
        var inquiry = new Inquiry("PI-TEST-0000-0000-0001", submission, InquiryStatus.Routed, Now);
        return (inquiry, new InquiryAssignment(inquiry.Reference, 1, decision.Primary, entity.Contact, entity.AckSlaDays,
            AssignmentState.Pending, Now, decision));
    }

    private static InquiryAssignment Next(InquiryAssignment previous, string entityId)
    {
        var entity = Tables.Entity(entityId);
        return previous with
        {
            Sequence = previous.Sequence + 1,
            Assignee = entity is null ? previous.Assignee : new EntityRef(entity.Id, entity.Name, entity.Kind),
            AssigneeContact = entity?.Contact ?? previous.AssigneeContact,
            AckSlaDays = entity?.AckSlaDays ?? previous.AckSlaDays,
            State = AssignmentState.Pending,
            Reason = null,
        };
    }

    private static string Encoded(string url) => url.Replace("&", "&amp;", StringComparison.Ordinal).Replace("=", "&#x3D;", StringComparison.Ordinal);

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
