using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>The local transport's outbox: the e-mails as they would be received (HTML and text parts).</summary>
public sealed class OutboxModel(LocalOutbox outbox, Microsoft.Extensions.Options.IOptions<global::PartnerIntake.Shared.Mail.SendGridOptions> sendGrid) : PageModel
{
    public IReadOnlyList<OutboxFile> Files { get; private set; } = [];

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

        Files = outbox.List();
        return Page();
    }
}
