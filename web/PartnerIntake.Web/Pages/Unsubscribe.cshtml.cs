using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Web.Links;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.Web.Pages;

/// <summary>What the unsubscribe page shows.</summary>
public enum UnsubscribePageView
{
    Confirm,
    AlreadyUnsubscribed,
    Unsubscribed,
    NotValid,
}

/// <summary>
/// The page behind an impact report's signed unsubscribe link. GET shows a button and changes nothing; POST
/// unsubscribes. RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" with no cookies and no
/// antiforgery token, so none is asked for: the URL's signed token is the credential.
/// The token is bound from the route only: a form field named "token" must not stand in for the URL's.
/// </summary>
[PageLanguage(typeof(UnsubscribePageLanguage))]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(ActionLinks links, IDonationStore donations, TimeProvider time) : PageModel
{
    public UnsubscribePageView View { get; private set; }

    public string Institution { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromRoute] string token, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(); // a body that cannot be read (a broken multipart form): the 400 error page
        }

        var donation = await UnsubscribeLink.DonationAsync(links, donations, token, cancellationToken);
        if (donation is null)
        {
            return Show(UnsubscribePageView.NotValid, StatusCodes.Status400BadRequest);
        }

        Institution = donation.Submission.Institution.Name;
        return Show(donation.Unsubscribed ? UnsubscribePageView.AlreadyUnsubscribed : UnsubscribePageView.Confirm, StatusCodes.Status200OK);
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string token, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(); // a body that cannot be read (a broken multipart form): the 400 error page
        }

        var donation = await UnsubscribeLink.DonationAsync(links, donations, token, cancellationToken);
        if (donation is null)
        {
            return Show(UnsubscribePageView.NotValid, StatusCodes.Status400BadRequest);
        }

        if (!donation.Unsubscribed)
        {
            await donations.SetUnsubscribedAsync(donation.Id, time.GetUtcNow(), cancellationToken);
        }

        Institution = donation.Submission.Institution.Name;
        return Show(UnsubscribePageView.Unsubscribed, StatusCodes.Status200OK);
    }

    private PageResult Show(UnsubscribePageView view, int status)
    {
        View = view;
        Response.StatusCode = status;
        return Page();
    }
}
