using Microsoft.AspNetCore.Mvc;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Web.Pages.Admin.Components.InquiryDonations;

/// <summary>The donations recorded with an inquiry's reference, for its console page; it loads its own data.</summary>
public sealed class InquiryDonationsViewComponent(RecognitionBrowser browser) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string reference) =>
        View(new InquiryDonationsView(reference, await browser.ForInquiryAsync(reference, HttpContext.RequestAborted)));
}

public sealed record InquiryDonationsView(string Reference, IReadOnlyList<DonationListItem> Donations);
