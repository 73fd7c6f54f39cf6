using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>One inquiry: the submission, the routing explanation, assignments and audit trail, linked inquiries, e-mails.</summary>
public sealed class InquiryModel(InquiryBrowser browser) : PageModel
{
    public InquiryDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] string reference, CancellationToken cancellationToken)
    {
        var detail = InquiryReference.IsWellFormed(reference) ? await browser.GetDetailAsync(reference, cancellationToken) : null;
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        return Page();
    }
}
