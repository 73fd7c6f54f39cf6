using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Shared.Routing;

/// <summary>
/// Builds the e-mails of a routed inquiry. Outbox ids are derived from the inquiry and assignment, so a replay maps to
/// the same records. Mails to movement entities are in the entity's working language (its first that is one of the
/// seven) and their replies go to the partnerships team, or to the partner once the entity has accepted; mails to the
/// partner are in the partner's language.
/// </summary>
public sealed class InquiryMails(MailTemplates templates, IOptions<AppOptions> app, ActionLinks links, TimeProvider time, IOptions<MailOptions>? mail = null)
{
    public static string AssignmentOutboxId(string reference, int sequence) => $"{reference}.assignment.{sequence}";

    public static string AcknowledgementOutboxId(string reference) => $"{reference}.acknowledgement";

    public static string CollaboratorOutboxPrefix(string reference, int sequence) => $"{reference}.collaborator.{sequence}.";

    public static string HandedOnOutboxId(string reference, int sequence) => $"{reference}.handed-on.{sequence}";

    public static string TakenOnOutboxId(string reference, int sequence) => $"{reference}.taken-on.{sequence}";

    /// <summary>Where replies to entity mails go before the entity accepts: Mail:ReplyToEmail, else the sender.</summary>
    public Recipient PartnershipsTeam
    {
        get
        {
            var options = mail?.Value ?? new MailOptions();
            return new Recipient(options.ReplyToEmail is { Length: > 0 } replyTo ? replyTo : options.FromEmail, options.FromName);
        }
    }

    public string ActionUrl(string reference, int sequence, string action) =>
        app.Value.AssignmentActionUrl(links.Token(reference, sequence, action));

    /// <summary>The language of a mail to an entity: its first working language that has this kind's templates, else English.</summary>
    public string EntityLanguage(string kind, IReadOnlyList<string>? languages) =>
        languages?.FirstOrDefault(l => templates.ResolveLanguage(kind, l) == l) ?? MailTemplates.FallbackLanguage;

    public OutboundMail Assignment(Inquiry inquiry, InquiryAssignment assignment, IReadOnlyList<string>? entityLanguages = null,
        IReadOnlyList<LinkedInquiry>? history = null, HandOn? handOn = null)
    {
        var s = inquiry.Submission;
        var lang = EntityLanguage(MailKinds.Assignment, entityLanguages);
        var model = new AssignmentMailModel(
            lang,
            inquiry.Reference,
            assignment.Assignee.Name,
            s.Organization.Name,
            MailText.OrganizationType(s.Organization.Type, lang),
            MailText.Place(s.Organization.Country, s.Organization.Subdivision, lang),
            s.Organization.Website,
            s.Contact.Name,
            s.Contact.Email,
            s.Contact.Role,
            MailText.Language(s.Contact.Language, lang),
            MailText.Topics(s.Topics, lang),
            MailText.Scale(s.Scale, lang),
            MailText.Agreement(s.Agreement, lang),
            s.ContentLanguages.Select(l => MailText.Language(l, lang)).ToList(),
            s.Message,
            WhyYou.ForAssignee(assignment.Decision, s, lang, handOn),
            assignment.Decision.Collaborators
                .Select(c => new CollaboratorLine(c.Name, MailText.EntityKind(c.Kind, lang), MailText.Role(c.Role, lang))).ToList(),
            assignment.AckSlaDays,
            app.Value.StatusPageUrl(inquiry.Reference),
            inquiry.ReceivedAt)
        {
            AcceptUrl = ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Accept),
            RedirectUrl = ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Redirect),
            DeclineUrl = ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Decline),
            History = history?.Select(h => HistoryLine(h, lang)).ToList() ?? [],
            EarlierAssignees = WhyYou.EarlierLines(handOn, lang),
        };
        return Build(AssignmentOutboxId(inquiry.Reference, assignment.Sequence), MailKinds.Assignment, model,
            new Recipient(assignment.AssigneeContact, assignment.Assignee.Name), PartnershipsTeam);
    }

    public OutboundMail Acknowledgement(Inquiry inquiry, InquiryAssignment assignment)
    {
        var s = inquiry.Submission;
        var lang = templates.ResolveLanguage(MailKinds.Acknowledgement, s.Contact.Language);
        var model = new AcknowledgementMailModel(
            lang,
            inquiry.Reference,
            s.Contact.Name,
            s.Organization.Name,
            assignment.Assignee.Name,
            assignment.AckSlaDays,
            app.Value.StatusPageUrl(inquiry.Reference, lang),
            inquiry.ReceivedAt)
        {
            WithdrawUrl = WithdrawalLinks.Url(app.Value.PublicBaseUrl, WithdrawalLinks.Token(links, inquiry.Reference, inquiry.ReceivedAt), lang),
        };
        return Build(AcknowledgementOutboxId(inquiry.Reference), MailKinds.Acknowledgement, model, new Recipient(s.Contact.Email, s.Contact.Name));
    }

    public OutboundMail Reminder(Inquiry inquiry, InquiryAssignment assignment, IReadOnlyList<string>? entityLanguages = null)
    {
        var s = inquiry.Submission;
        var lang = EntityLanguage(MailKinds.Reminder, entityLanguages);
        var model = new ReminderMailModel(lang, inquiry.Reference, assignment.Assignee.Name, s.Organization.Name,
            MailText.OrganizationType(s.Organization.Type, lang), MailText.Place(s.Organization.Country, s.Organization.Subdivision, lang),
            s.Contact.Name, s.Contact.Email, MailText.Topics(s.Topics, lang), MailText.Scale(s.Scale, lang),
            WhyYou.ForAssignee(assignment.Decision, s, lang), assignment.EscalationDueAt ?? time.GetUtcNow(),
            ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Accept),
            ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Redirect),
            ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Decline),
            app.Value.StatusPageUrl(inquiry.Reference));
        return Build($"{inquiry.Reference}.reminder.{assignment.Sequence}", MailKinds.Reminder, model,
            new Recipient(assignment.AssigneeContact, assignment.Assignee.Name), PartnershipsTeam);
    }

    /// <summary>To the assignee that let the SLA pass (<paramref name="entityLanguages"/> are its own).</summary>
    public OutboundMail Escalated(Inquiry inquiry, InquiryAssignment from, InquiryAssignment to, IReadOnlyList<string>? entityLanguages = null)
    {
        var s = inquiry.Submission;
        var lang = EntityLanguage(MailKinds.Escalated, entityLanguages);
        var model = new EscalatedMailModel(lang, inquiry.Reference, from.Assignee.Name, s.Organization.Name,
            MailText.Place(s.Organization.Country, s.Organization.Subdivision, lang), MailText.Topics(s.Topics, lang), to.Assignee.Name, from.AckSlaDays);
        return Build($"{inquiry.Reference}.escalated.{from.Sequence}", MailKinds.Escalated, model,
            new Recipient(from.AssigneeContact, from.Assignee.Name), PartnershipsTeam);
    }

    /// <summary>To the partner: who answers now. Replies reach the entity that accepted.</summary>
    public OutboundMail Accepted(Inquiry inquiry, InquiryAssignment assignment)
    {
        var s = inquiry.Submission;
        var lang = templates.ResolveLanguage(MailKinds.Accepted, s.Contact.Language);
        var model = new AcceptedMailModel(lang, inquiry.Reference, s.Contact.Name, s.Organization.Name, assignment.Assignee.Name,
            assignment.AssigneeContact, app.Value.StatusPageUrl(inquiry.Reference, lang));
        return Build($"{inquiry.Reference}.accepted.{assignment.Sequence}", MailKinds.Accepted, model, new Recipient(s.Contact.Email, s.Contact.Name),
            new Recipient(assignment.AssigneeContact, assignment.Assignee.Name));
    }

    /// <summary>To the entity that accepted: the partner's contact; Reply writes to the partner.</summary>
    public OutboundMail TakenOn(Inquiry inquiry, InquiryAssignment assignment, IReadOnlyList<string>? entityLanguages = null)
    {
        var s = inquiry.Submission;
        var lang = EntityLanguage(MailKinds.TakenOn, entityLanguages);
        var model = new TakenOnMailModel(lang, inquiry.Reference, assignment.Assignee.Name, s.Organization.Name,
            MailText.Place(s.Organization.Country, s.Organization.Subdivision, lang), MailText.Topics(s.Topics, lang),
            s.Contact.Name, s.Contact.Email, s.Contact.Role, MailText.Language(s.Contact.Language, lang), app.Value.StatusPageUrl(inquiry.Reference));
        return Build(TakenOnOutboxId(inquiry.Reference, assignment.Sequence), MailKinds.TakenOn, model,
            new Recipient(assignment.AssigneeContact, assignment.Assignee.Name), new Recipient(s.Contact.Email, s.Contact.Name));
    }

    /// <summary>To the partner, in their language: the inquiry is with <paramref name="next"/> now, which confirms within its own SLA.</summary>
    public OutboundMail HandedOn(Inquiry inquiry, InquiryAssignment next)
    {
        var s = inquiry.Submission;
        var lang = templates.ResolveLanguage(MailKinds.HandedOn, s.Contact.Language);
        var model = new HandedOnMailModel(lang, inquiry.Reference, s.Contact.Name, s.Organization.Name, next.Assignee.Name, next.AckSlaDays,
            app.Value.StatusPageUrl(inquiry.Reference, lang));
        return Build(HandedOnOutboxId(inquiry.Reference, next.Sequence), MailKinds.HandedOn, model, new Recipient(s.Contact.Email, s.Contact.Name));
    }

    public static string WithdrawnOutboxId(string reference, int sequence) => $"{reference}.withdrawn.{sequence}";

    /// <summary>To the entity holding the inquiry when the partner withdrew it, in its working language; no personal data.</summary>
    public OutboundMail Withdrawn(Inquiry inquiry, InquiryAssignment assignment, IReadOnlyList<string>? entityLanguages = null)
    {
        var s = inquiry.Submission;
        var lang = EntityLanguage(MailKinds.Withdrawn, entityLanguages);
        var model = new WithdrawnMailModel(lang, inquiry.Reference, assignment.Assignee.Name, s.Organization.Name,
            MailText.Place(s.Organization.Country, s.Organization.Subdivision, lang), MailText.Topics(s.Topics, lang));
        return Build(WithdrawnOutboxId(inquiry.Reference, assignment.Sequence), MailKinds.Withdrawn, model,
            new Recipient(assignment.AssigneeContact, assignment.Assignee.Name), PartnershipsTeam);
    }

    /// <summary>To a collaborator, in its working language; replies reach the partnerships team.</summary>
    public OutboundMail Collaborator(Inquiry inquiry, InquiryAssignment assignment, Collaborator collaborator, MovementEntity entity)
    {
        var s = inquiry.Submission;
        var lang = EntityLanguage(MailKinds.Collaborator, entity.Languages);
        var model = new CollaboratorMailModel(lang, inquiry.Reference, collaborator.Name, assignment.Assignee.Name, s.Organization.Name,
            MailText.OrganizationType(s.Organization.Type, lang), MailText.Place(s.Organization.Country, s.Organization.Subdivision, lang),
            s.Organization.Website, s.Contact.Name, s.Contact.Email, s.Contact.Role, MailText.Topics(s.Topics, lang), MailText.Scale(s.Scale, lang),
            s.Message, WhyYou.ForCollaborator(assignment.Decision, collaborator, s, lang), app.Value.StatusPageUrl(inquiry.Reference));
        return Build(CollaboratorOutboxPrefix(inquiry.Reference, assignment.Sequence) + collaborator.Id, MailKinds.Collaborator, model,
            new Recipient(entity.Contact, collaborator.Name), PartnershipsTeam);
    }

    /// <summary>The movement's memory for the assignee: an earlier inquiry from the same organisation, website or contact, and who had it.</summary>
    private static string HistoryLine(LinkedInquiry linked, string lang)
    {
        var key = linked.Matched is "website" or "contact" ? "History_" + linked.Matched : "History_organisation";
        var line = MailText.Format(key, lang, linked.Reference, linked.ReceivedAt);
        return linked.AssignedTo is { } assignee ? MailText.Format("History_AssignedTo", lang, line, assignee) : line;
    }

    private OutboundMail Build(string outboxId, string kind, MailModel model, Recipient to, Recipient? replyTo = null)
    {
        var rendered = templates.Render(kind, model);
        return new OutboundMail(outboxId, kind, to, rendered.Subject, rendered.Text, rendered.Html, model.Lang) { ReplyTo = replyTo };
    }
}
