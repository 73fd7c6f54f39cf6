using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>
/// Donations, notices to come and sent (with delivery status), donations recorded from the console, and a preview of any
/// notice kind in any language — the donor's own by default.
/// </summary>
public sealed class RecognitionModel(
    RecognitionBrowser browser, ConsoleDonations consoleDonations, IDonationStore donations, global::PartnerIntake.Shared.Recognition.Recognition recognition) : PageModel
{
    public const int HorizonDays = 60;

    /// <summary>The notices are written in the same seven languages as the pages.</summary>
    public static IReadOnlyList<string> Languages => WebLanguages.Codes;

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)] public string? DonationId { get; set; }

    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)] public string? Lang { get; set; }

    /// <summary>The id of the donation just recorded from the console's form.</summary>
    [BindProperty(SupportsGet = true)] public string? Recorded { get; set; }

    public DonationPage Donations { get; private set; } = null!;

    public IReadOnlyList<UpcomingNotice> Upcoming { get; private set; } = [];

    public IReadOnlyList<SentNotice> Sent { get; private set; } = [];

    public IReadOnlyList<OperatorAction> History { get; private set; } = [];

    public RenderedMail? Preview { get; private set; }

    /// <summary>The language the donor's notices are sent in (one of <see cref="Languages"/>).</summary>
    public string? DonorLanguage { get; private set; }

    public string? PreviewProblem { get; private set; }

    /// <summary>The notice language for a donor's language: itself, its primary subtag, or English (as the mail templates resolve it).</summary>
    public static string NoticeLanguage(string? language)
    {
        var primary = language?.Split('-')[0].ToLowerInvariant();
        return Languages.FirstOrDefault(l => l == language) ?? Languages.FirstOrDefault(l => l == primary) ?? Languages[0];
    }

    public static string LanguageName(string code) => CultureInfo.GetCultureInfo(code).EnglishName;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Recorded = Recorded is { Length: > 0 and <= 40 } ? Recorded : null;
        Donations = await browser.ListDonationsAsync(PageNumber, RecognitionBrowser.DefaultPageSize, cancellationToken);
        Upcoming = await browser.UpcomingNoticesAsync(HorizonDays, cancellationToken);
        Sent = await browser.SentNoticesAsync(HorizonDays, cancellationToken);
        History = await consoleDonations.HistoryAsync(10, cancellationToken);
        if (DonationId is { Length: > 0 })
        {
            await PreviewAsync(DonationId, cancellationToken);
        }
    }

    private async Task PreviewAsync(string donationId, CancellationToken cancellationToken)
    {
        Donation? donation;
        try
        {
            donation = donationId.Length <= 40 ? await donations.GetAsync(donationId, cancellationToken) : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            PreviewProblem = "This donation's stored record cannot be read, so no notice can be previewed.";
            return;
        }

        if (donation is null)
        {
            PreviewProblem = "No such donation.";
            return;
        }

        DonorLanguage = NoticeLanguage(donation.Submission.Contact.Language);
        Kind = string.IsNullOrEmpty(Kind) ? RecognitionKinds.All[0] : Kind;
        Lang = string.IsNullOrEmpty(Lang) ? DonorLanguage : Lang;
        if (!RecognitionKinds.All.Contains(Kind) || !Languages.Contains(Lang))
        {
            PreviewProblem = "Choose a kind and a language.";
            return;
        }

        Preview = await recognition.PreviewAsync(Kind, Lang, donationId, cancellationToken);
        PreviewProblem = Preview is null ? "No such donation." : null;
    }
}
