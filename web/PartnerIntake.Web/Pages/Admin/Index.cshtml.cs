using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Web.Pages.Admin;

public sealed class IndexModel(DashboardQuery dashboard) : PageModel
{
    public DashboardStatistics Statistics { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Statistics = await dashboard.GetAsync(cancellationToken);
}
