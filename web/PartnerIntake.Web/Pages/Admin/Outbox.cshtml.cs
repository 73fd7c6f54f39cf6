using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>The local transport's outbox: the e-mails by date, recipient and subject; one opened as it would be received.</summary>
public sealed class OutboxModel(LocalOutbox outbox, Microsoft.Extensions.Options.IOptions<global::PartnerIntake.Shared.Mail.SendGridOptions> sendGrid) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public OutboxPage Listing { get; private set; } = new([], 1, LocalOutbox.DefaultPageSize, 0, 0);

    public OutboxMessage? Message { get; private set; }

    public bool SendGridInUse => !string.IsNullOrEmpty(sendGrid.Value.ApiKey);

    public string Folder => outbox.Folder;

    public IActionResult OnGet([FromRoute] string? id)
    {
        if (id is { Length: > 0 })
        {
            // An outbox id from another page, or a file name from the listing; only listed names are ever opened.
            var name = id.EndsWith(".eml", StringComparison.Ordinal) ? id : id + ".eml";
            Message = LocalOutbox.IsListable(name) ? outbox.Read(name) : null;
            if (Message is null)
            {
                return NotFound();
            }

            return Page();
        }

        // Reads the header block of at most one page of files (LocalOutbox.DefaultPageSize).
        Listing = outbox.ListPage(PageNumber);
        return Page();
    }
}
