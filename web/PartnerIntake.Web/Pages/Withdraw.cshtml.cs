using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Web.Pages;

/// <summary>What the withdrawal page shows.</summary>
public enum WithdrawPageView
{
    Confirm,
    Withdrawn,
    AlreadyWithdrawn,
    NotValid,
    Unavailable,
}

/// <summary>
/// The page behind the acknowledgement's signed withdrawal link. GET says what will happen and changes nothing (mail
/// scanners prefetch links); POST, with the page's antiforgery token, withdraws the inquiry and erases the partner's
/// data. The language is the e-mail's (?culture=). The token is bound from the route only.
/// </summary>
public sealed class WithdrawModel(WithdrawInquiry withdrawal) : PageModel
{
    public WithdrawPageView View { get; private set; }

    public string Reference { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromRoute] string token, CancellationToken cancellationToken) =>
        Show(await withdrawal.CheckAsync(token, cancellationToken));

    public async Task<IActionResult> OnPostAsync([FromRoute] string token, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(); // a body that cannot be read (a broken multipart form): the 400 error page
        }

        return Show(await withdrawal.WithdrawAsync(token, cancellationToken));
    }

    private PageResult Show(WithdrawalResult result)
    {
        (View, Reference, Response.StatusCode) = result switch
        {
            WithdrawalResult.Ready ready => (WithdrawPageView.Confirm, ready.Reference, StatusCodes.Status200OK),
            WithdrawalResult.Withdrawn done => (WithdrawPageView.Withdrawn, done.Reference, StatusCodes.Status200OK),
            WithdrawalResult.AlreadyWithdrawn already => (WithdrawPageView.AlreadyWithdrawn, already.Reference, StatusCodes.Status200OK),
            WithdrawalResult.Unavailable => (WithdrawPageView.Unavailable, "", StatusCodes.Status503ServiceUnavailable),
            _ => (WithdrawPageView.NotValid, "", StatusCodes.Status400BadRequest),
        };
        return Page();
    }
}
