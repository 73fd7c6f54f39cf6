using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Geography;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Routing;

/// <summary>Builds the e-mails of a routed inquiry. Outbox ids are derived from the inquiry and assignment, so a replay maps to the same records.</summary>
public sealed class InquiryMails(MailTemplates templates, IOptions<AppOptions> app, ActionLinks links, TimeProvider time)
{
    public static string AssignmentOutboxId(string reference, int sequence) => $"{reference}.assignment.{sequence}";

    public static string AcknowledgementOutboxId(string reference) => $"{reference}.acknowledgement";

    public static string CollaboratorOutboxPrefix(string reference, int sequence) => $"{reference}.collaborator.{sequence}.";

    public string ActionUrl(string reference, int sequence, string action) =>
        app.Value.AssignmentActionUrl(links.Token(reference, sequence, action));

    public OutboundMail Assignment(Inquiry inquiry, InquiryAssignment assignment, IReadOnlyList<string>? history = null, IReadOnlyList<string>? earlierAssignees = null)
    {
        var s = inquiry.Submission;
        var lang = templates.ResolveLanguage(MailKinds.Assignment, "en");
        var model = new AssignmentMailModel(
            lang,
            inquiry.Reference,
            assignment.Assignee.Name,
            s.Organization.Name,
            s.Organization.Type,
            s.Organization.Country,
            Countries.NameOf(s.Organization.Country) ?? s.Organization.Country,
            s.Organization.Subdivision,
            s.Organization.Website,
            s.Contact.Name,
            s.Contact.Email,
            s.Contact.Role,
            s.Contact.Language,
            s.Topics,
            s.Scale,
            s.Agreement,
            s.ContentLanguages,
            s.Message,
            assignment.Decision.Summary,
            assignment.Decision.Collaborators.Select(c => new CollaboratorLine(c.Name, c.Kind, c.Role)).ToList(),
            assignment.AckSlaDays,
            app.Value.StatusPageUrl(inquiry.Reference),
            inquiry.ReceivedAt)
        {
            AcceptUrl = ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Accept),
            RedirectUrl = ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Redirect),
            DeclineUrl = ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Decline),
            HandedOnBecause = assignment.HandedOnBecause,
            History = history ?? [],
            EarlierAssignees = earlierAssignees ?? [],
        };
        var rendered = templates.Render(MailKinds.Assignment, model);
        return new OutboundMail(AssignmentOutboxId(inquiry.Reference, assignment.Sequence), MailKinds.Assignment,
            new Recipient(assignment.AssigneeContact, assignment.Assignee.Name), rendered.Subject, rendered.Text, rendered.Html, lang);
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
            inquiry.ReceivedAt);
        var rendered = templates.Render(MailKinds.Acknowledgement, model);
        return new OutboundMail(AcknowledgementOutboxId(inquiry.Reference), MailKinds.Acknowledgement,
            new Recipient(s.Contact.Email, s.Contact.Name), rendered.Subject, rendered.Text, rendered.Html, lang);
    }

    public OutboundMail Reminder(Inquiry inquiry, InquiryAssignment assignment)
    {
        var model = new ReminderMailModel("en", inquiry.Reference, assignment.Assignee.Name, inquiry.Submission.Organization.Name,
            inquiry.Submission.Organization.Country, assignment.EscalationDueAt ?? time.GetUtcNow(),
            ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Accept),
            ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Redirect),
            ActionUrl(inquiry.Reference, assignment.Sequence, AssignmentAction.Decline));
        return Build($"{inquiry.Reference}.reminder.{assignment.Sequence}", MailKinds.Reminder, model,
            new Recipient(assignment.AssigneeContact, assignment.Assignee.Name));
    }

    public OutboundMail Escalated(Inquiry inquiry, InquiryAssignment from, InquiryAssignment to)
    {
        var model = new EscalatedMailModel("en", inquiry.Reference, from.Assignee.Name, inquiry.Submission.Organization.Name,
            to.Assignee.Name, from.AckSlaDays);
        return Build($"{inquiry.Reference}.escalated.{from.Sequence}", MailKinds.Escalated, model,
            new Recipient(from.AssigneeContact, from.Assignee.Name));
    }

    public OutboundMail Accepted(Inquiry inquiry, InquiryAssignment assignment)
    {
        var s = inquiry.Submission;
        var lang = templates.ResolveLanguage(MailKinds.Accepted, s.Contact.Language);
        var model = new AcceptedMailModel(lang, inquiry.Reference, s.Contact.Name, s.Organization.Name, assignment.Assignee.Name,
            assignment.AssigneeContact, app.Value.StatusPageUrl(inquiry.Reference, lang));
        return Build($"{inquiry.Reference}.accepted.{assignment.Sequence}", MailKinds.Accepted, model, new Recipient(s.Contact.Email, s.Contact.Name));
    }

    public OutboundMail Collaborator(Inquiry inquiry, InquiryAssignment assignment, Collaborator collaborator, string contact)
    {
        var s = inquiry.Submission;
        var model = new CollaboratorMailModel("en", inquiry.Reference, collaborator.Name, collaborator.Role, assignment.Assignee.Name,
            s.Organization.Name, s.Organization.Country, s.Topics, assignment.Decision.Summary, app.Value.StatusPageUrl(inquiry.Reference));
        return Build(CollaboratorOutboxPrefix(inquiry.Reference, assignment.Sequence) + collaborator.Id, MailKinds.Collaborator, model,
            new Recipient(contact, collaborator.Name));
    }

    private OutboundMail Build(string outboxId, string kind, MailModel model, Recipient to)
    {
        var rendered = templates.Render(kind, model);
        return new OutboundMail(outboxId, kind, to, rendered.Subject, rendered.Text, rendered.Html, model.Lang);
    }
}
