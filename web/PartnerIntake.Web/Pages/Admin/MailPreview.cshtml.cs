using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Web.Hosting;

namespace PartnerIntake.Web.Pages.Admin;

/// <summary>
/// An e-mail's HTML part as its own document, for the console's preview frames: served with the mail preview policy
/// (inline styles, no scripts, framed only by our pages), so the preview looks as the mail does in a mail client.
/// </summary>
public sealed class MailPreviewModel(LocalOutbox outbox, global::PartnerIntake.Shared.Recognition.Recognition recognition) : PageModel
{
    /// <summary>/admin/mailpreview/outbox?id={file name or outbox id}: a message of the local outbox.</summary>
    public IActionResult OnGetOutbox(string? id)
    {
        if (id is not { Length: > 0 })
        {
            return NotFound();
        }

        var name = id.EndsWith(".eml", StringComparison.Ordinal) ? id : id + ".eml";
        return LocalOutbox.IsListable(name) && outbox.Read(name)?.Html is { } html ? Html(html) : NotFound();
    }

    /// <summary>/admin/mailpreview/notice?donationId=…&amp;kind=…&amp;lang=…: a recognition notice rendered now.</summary>
    public async Task<IActionResult> OnGetNoticeAsync(string? donationId, string? kind, string? lang, CancellationToken cancellationToken)
    {
        if (donationId is not { Length: > 0 and <= 40 } || kind is null || !RecognitionKinds.All.Contains(kind) || lang is null || !RecognitionModel.Languages.Contains(lang))
        {
            return NotFound();
        }

        try
        {
            var rendered = await recognition.PreviewAsync(kind, lang, donationId, cancellationToken);
            return rendered is null ? NotFound() : Html(rendered.Html);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return NotFound(); // a stored record that cannot be read: the page that frames this says so
        }
    }

    private ContentResult Html(string html)
    {
        HttpContext.UseMailPreviewPolicy();
        return Content(html, "text/html; charset=utf-8");
    }
}
