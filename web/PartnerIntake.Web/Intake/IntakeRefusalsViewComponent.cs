using Microsoft.AspNetCore.Mvc;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Web.Intake;

/// <summary>The console dashboard's panel of form posts refused as possibly automated, per day and kind.</summary>
public sealed class IntakeRefusalsViewComponent(TableIntakeRefusals refusals) : ViewComponent
{
    public const int Days = 7;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        IReadOnlyList<RefusalCount>? counts;
        try
        {
            counts = await refusals.RecentAsync(Days, HttpContext.RequestAborted);
        }
        catch (StorageUnavailableException)
        {
            counts = null; // the panel says so; the rest of the dashboard still shows
        }

        return View(counts);
    }
}
