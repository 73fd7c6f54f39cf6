using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Storage;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.Web.Links;

/// <summary>An unsubscribe page speaks the donation contact's language (the one their notices are written in), else English.</summary>
public sealed class UnsubscribePageLanguage(ActionLinks links, IDonationStore donations) : IPageLanguage
{
    public async Task<string?> LanguageAsync(HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            var donation = await UnsubscribeLink.DonationAsync(links, donations, context.GetRouteValue("token") as string, cancellationToken);
            return donation is null ? null : PageLanguageProvider.FirstSupported([donation.Submission.Contact.Language]);
        }
        catch (StorageUnavailableException)
        {
            return null; // the page's own read fails the same way and answers 503, in the visitor's language
        }
    }
}
