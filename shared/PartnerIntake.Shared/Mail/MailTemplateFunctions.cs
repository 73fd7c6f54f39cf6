using Scriban;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// What mail templates call besides Scriban's builtins (<c>object.format "D"</c>, <c>array.join</c>, <c>string.empty</c>):
/// imported with the snake_case renamer, so <c>{{ partial "header.html" }}</c> and <c>{{ lines message }}</c>.
/// </summary>
internal static class MailTemplateFunctions
{
    /// <summary>A shared piece from Templates/_partials, e.g. "footer.text".</summary>
    public static object Partial(TemplateContext context, string name) => ((MailTemplateContext)context).RenderPartial(name);

    /// <summary>Text the partner wrote, with its line breaks: in an HTML part encoded, each break kept as &lt;br&gt;.</summary>
    public static object Lines(TemplateContext context, string? text) => ((MailTemplateContext)context).IsHtml
        ? new TrustedHtml(HtmlText.Encode(text ?? "").Replace("\n", "<br>\n", StringComparison.Ordinal))
        : text ?? "";
}
