using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>Messages that failed maxDequeueCount times, with why; replay or discard them (both recorded).</summary>
public sealed class PoisonModel(PoisonQueues poison) : PageModel
{
    /// <summary>As the form's maxlength: the reason goes to the operator audit, one table cell.</summary>
    public const int MaxReasonLength = 200;

    public IReadOnlyList<PoisonQueueListing> Listings { get; private set; } = [];

    public IReadOnlyList<OperatorAction> History { get; private set; } = [];

    public string? Outcome { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string queue, string messageId, string action, string? reason, CancellationToken cancellationToken)
    {
        if (reason?.Length > MaxReasonLength)
        {
            // Checked before the message is taken: a reason the operator audit cannot store must not lose the message.
            Outcome = $"Reason: at most {MaxReasonLength} characters. Nothing was replayed or discarded.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var actor = User.Identity?.Name ?? "console";
        var result = action switch
        {
            "replay" => await poison.ReplayAsync(queue, messageId, actor, reason, cancellationToken),
            "discard" => await poison.DiscardAsync(queue, messageId, actor, reason, cancellationToken),
            _ => PoisonActionOutcome.NotFound,
        };
        Outcome = result switch
        {
            PoisonActionOutcome.Done => action == "replay" ? "Replayed: the message is back on its queue." : "Discarded.",
            PoisonActionOutcome.UnknownQueue => "No such queue.",
            _ => "That message is gone (already replayed or discarded) or another operator is handling it right now.",
        };
        if (result != PoisonActionOutcome.Done)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var listings = new List<PoisonQueueListing>();
        var history = new List<OperatorAction>();
        foreach (var queue in PoisonQueues.Queues)
        {
            if (await poison.ListAsync(queue, cancellationToken) is { } listing)
            {
                listings.Add(listing);
            }

            history.AddRange(await poison.HistoryAsync(queue, 20, cancellationToken));
        }

        Listings = listings;
        History = history.OrderByDescending(h => h.At).Take(20).ToList();
    }
}
