using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>The dashboard: what needs attention first, then the charts.</summary>
public sealed class IndexModel(DashboardQuery dashboard, AttentionQuery attention) : PageModel
{
    public DashboardStatistics Statistics { get; private set; } = null!;

    public NeedsAttention Attention { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Statistics = await dashboard.GetAsync(cancellationToken, ConsoleLabels.Topic);
        Attention = await attention.GetAsync(Statistics.PoisonQueues, cancellationToken);
    }
}
