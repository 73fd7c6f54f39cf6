using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>Donations, notices to come and sent (with delivery status), and a preview of any notice kind × language.</summary>
public sealed class RecognitionModel(RecognitionBrowser browser, global::PartnerIntake.Shared.Recognition.Recognition recognition) : PageModel
{
    public const int HorizonDays = 60;

    /// <summary>The notices are written in the same seven languages as the pages.</summary>
    public static IReadOnlyList<string> Languages => WebLanguages.Codes;

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)] public string? DonationId { get; set; }

    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)] public string? Lang { get; set; }

    public DonationPage Donations { get; private set; } = null!;

    public IReadOnlyList<UpcomingNotice> Upcoming { get; private set; } = [];

    public IReadOnlyList<SentNotice> Sent { get; private set; } = [];

    public RenderedMail? Preview { get; private set; }

    public string? PreviewProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Donations = await browser.ListDonationsAsync(PageNumber, RecognitionBrowser.DefaultPageSize, cancellationToken);
        Upcoming = await browser.UpcomingNoticesAsync(HorizonDays, cancellationToken);
        Sent = await browser.SentNoticesAsync(HorizonDays, cancellationToken);
        if (DonationId is { Length: > 0 })
        {
            if (Kind is null || !RecognitionKinds.All.Contains(Kind) || Lang is null || !Languages.Contains(Lang))
            {
                PreviewProblem = "Choose a kind and a language.";
            }
            else
            {
                Preview = await recognition.PreviewAsync(Kind, Lang, DonationId, cancellationToken);
                PreviewProblem = Preview is null ? "No such donation." : null;
            }
        }
    }
}
