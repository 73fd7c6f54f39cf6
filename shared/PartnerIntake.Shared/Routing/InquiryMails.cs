using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Geography;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Routing;

/// <summary>Builds the e-mails of a routed inquiry. Outbox ids are derived from the inquiry and assignment, so a replay maps to the same records.</summary>
public sealed class InquiryMails(MailTemplates templates, IOptions<AppOptions> app)
{
    public static string AssignmentOutboxId(string reference, int sequence) => $"{reference}.assignment.{sequence}";

    public static string AcknowledgementOutboxId(string reference) => $"{reference}.acknowledgement";

    public OutboundMail Assignment(Inquiry inquiry, InquiryAssignment assignment)
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
            app.Value.StatusUrl(inquiry.Reference),
            inquiry.ReceivedAt);
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
            app.Value.StatusUrl(inquiry.Reference),
            inquiry.ReceivedAt);
        var rendered = templates.Render(MailKinds.Acknowledgement, model);
        return new OutboundMail(AcknowledgementOutboxId(inquiry.Reference), MailKinds.Acknowledgement,
            new Recipient(s.Contact.Email, s.Contact.Name), rendered.Subject, rendered.Text, rendered.Html, lang);
    }
}
