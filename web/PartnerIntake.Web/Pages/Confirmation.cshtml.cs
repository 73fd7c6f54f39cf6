using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Web.Pages;

public sealed class ConfirmationModel : PageModel
{
    public string Reference { get; private set; } = "";

    public IActionResult OnGet([FromRoute] string reference)
    {
        if (!InquiryReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        Reference = reference;
        return Page();
    }
}
