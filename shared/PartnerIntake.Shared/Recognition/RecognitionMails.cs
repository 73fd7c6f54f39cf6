using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Recognition;

/// <summary>Renders a notice for its donation in the contact's language (or English).</summary>
public sealed class RecognitionMails(MailTemplates templates, IOptions<AppOptions> app, ActionLinks links)
{
    public const string UnsubscribeAction = "unsubscribe";

    /// <summary>A signed one-click unsubscribe URL; its expiry follows the notice, so the same notice always gets the same link.</summary>
    public string UnsubscribeUrl(string donationId, DateTimeOffset noticeDueAt) =>
        app.Value.UnsubscribeUrl(links.Token(donationId, 0, UnsubscribeAction, noticeDueAt.AddYears(2)));

    public OutboundMail Compose(Donation donation, Notice notice, ImpactFigures? figures)
    {
        var s = donation.Submission;
        var lang = templates.ResolveLanguage(notice.Kind, s.Contact.Language);
        var categoryUrl = DonationContract.CategoryUrl(s.Collection.CommonsCategory);
        var unsubscribe = UnsubscribeUrl(donation.Id, notice.DueAt);
        MailModel model = notice.Kind switch
        {
            RecognitionKinds.ThankYou => new ThankYouMailModel(lang, donation.Id, s.Contact.Name, s.Institution.Name, s.Collection.Title,
                s.Collection.Files, s.Collection.License, s.Collection.CommonsCategory, categoryUrl, s.DonatedOn, s.BrokeredBy),
            RecognitionKinds.Attribution => new AttributionMailModel(lang, donation.Id, s.Contact.Name, s.Institution.Name, s.Collection.Title,
                s.CreditLine, s.Collection.CommonsCategory, categoryUrl, s.Collection.License, DonationContract.Licenses.GetValueOrDefault(s.Collection.License)),
            RecognitionKinds.Impact => new ImpactMailModel(lang, donation.Id, s.Contact.Name, s.Institution.Name, s.Collection.Title,
                s.Collection.Files, s.Collection.CommonsCategory, categoryUrl, notice.PeriodStart!.Value, notice.PeriodEnd!.Value, figures,
                unsubscribe),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, "unknown notice kind"),
        };
        var rendered = templates.Render(notice.Kind, model);
        return new OutboundMail(notice.OutboxId, notice.Kind, new Recipient(s.Contact.Email, s.Contact.Name),
            rendered.Subject, rendered.Text, rendered.Html, lang)
        {
            // Delivery events come back with the donation id, so a bounce can be flagged on the donation.
            CustomArgs = new Dictionary<string, string> { ["donation_id"] = donation.Id },
            // Impact reports are recurring: RFC 8058 one-click unsubscribe (a POST to the signed URL).
            Headers = notice.Kind == RecognitionKinds.Impact
                ? new Dictionary<string, string>
                {
                    ["List-Unsubscribe"] = $"<{unsubscribe}>",
                    ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                }
                : null,
        };
    }
}
