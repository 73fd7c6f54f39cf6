using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Web.Pages;

/// <summary>What the partner may see about their inquiry: progress and who has it, never personal data.</summary>
public sealed class StatusModel(IInquiryStore store, IInquiryClosures closures) : PageModel
{
    public InquiryProgress? Progress { get; private set; }

    /// <summary>The partner withdrew it: their own act, so shown (other closing outcomes are internal).</summary>
    public bool Withdrawn { get; private set; }

    public string Reference { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromRoute] string reference, CancellationToken cancellationToken)
    {
        Reference = reference;
        Progress = InquiryReference.IsWellFormed(reference) ? await store.GetProgressAsync(reference, cancellationToken) : null;
        if (Progress is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (Progress.Status == InquiryStatus.Closed)
        {
            Withdrawn = (await closures.GetAsync(reference, cancellationToken))?.Outcome == InquiryOutcome.Withdrawn;
        }

        return Page();
    }
}
