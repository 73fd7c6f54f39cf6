using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Shared.Recognition;

/// <summary>Renders a notice for its donation in the contact's language (or English).</summary>
public sealed class RecognitionMails(MailTemplates templates, IOptions<AppOptions> app, ActionLinks links, TimeProvider time)
{
    public const string UnsubscribeAction = "unsubscribe";

    public string UnsubscribeUrl(string donationId) =>
        $"{app.Value.PublicBaseUrl.TrimEnd('/')}/api/recognition/unsubscribe/{links.Token(donationId, 0, UnsubscribeAction, time.GetUtcNow().AddYears(3))}";

    public OutboundMail Compose(Donation donation, Notice notice, ImpactFigures? figures)
    {
        var s = donation.Submission;
        var lang = templates.ResolveLanguage(notice.Kind, s.Contact.Language);
        var categoryUrl = DonationContract.CategoryUrl(s.Collection.CommonsCategory);
        MailModel model = notice.Kind switch
        {
            RecognitionKinds.ThankYou => new ThankYouMailModel(lang, donation.Id, s.Contact.Name, s.Institution.Name, s.Collection.Title,
                s.Collection.Files, s.Collection.License, s.Collection.CommonsCategory, categoryUrl, s.DonatedOn, s.BrokeredBy),
            RecognitionKinds.Attribution => new AttributionMailModel(lang, donation.Id, s.Contact.Name, s.Institution.Name, s.Collection.Title,
                s.CreditLine, s.Collection.CommonsCategory, categoryUrl, s.Collection.License, DonationContract.Licenses.GetValueOrDefault(s.Collection.License)),
            RecognitionKinds.Impact => new ImpactMailModel(lang, donation.Id, s.Contact.Name, s.Institution.Name, s.Collection.Title,
                s.Collection.Files, s.Collection.CommonsCategory, categoryUrl, notice.PeriodStart!.Value, notice.PeriodEnd!.Value, figures,
                UnsubscribeUrl(donation.Id)),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, "unknown notice kind"),
        };
        var rendered = templates.Render(notice.Kind, model);
        return new OutboundMail(notice.OutboxId, notice.Kind, new Recipient(s.Contact.Email, s.Contact.Name),
            rendered.Subject, rendered.Text, rendered.Html, lang);
    }
}
