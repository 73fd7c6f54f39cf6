using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// Where one part of one mail is rendered (a TemplateContext is not thread-safe: one per render). Strict: an unknown
/// variable or member throws. Dates and numbers follow the reader's culture. Scriban does not escape: in an HTML
/// part this context encodes every value an expression writes, except <see cref="TrustedHtml"/>.
/// </summary>
internal sealed class MailTemplateContext : TemplateContext
{
    private readonly IReadOnlyDictionary<string, Template> partials;

    public MailTemplateContext(ScriptObject functions, ScriptObject model, CultureInfo culture, IReadOnlyDictionary<string, Template> partials, bool html)
    {
        this.partials = partials;
        IsHtml = html;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false; // else an unknown member of a model renders as ''
        MemberRenamer = StandardMemberRenamer.Default; // the one the model is imported with, else nested members render as ''
        LoopLimit = 0; // a list is as long as the inquiry's history, not capped at 1000
        LimitToString = 0; // the default cuts a part at 1 MB with "..."
        PushGlobal(functions);
        PushGlobal(model);
        PushCulture(culture);
    }

    public bool IsHtml { get; }

    /// <summary>A shared piece ("header.html", "footer.text"), rendered with this context's model and encoding.</summary>
    public object RenderPartial(string name)
    {
        var partial = partials.GetValueOrDefault(name) ?? throw new ScriptRuntimeException(CurrentSpan, $"There is no partial `{name}`.");
        var rendered = RenderTemplate(partial, new ScriptArray(), CurrentNode);
        return IsHtml ? new TrustedHtml(rendered) : rendered;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => (IsHtml, textAsObject) switch
    {
        (_, null) => this,
        (true, TrustedHtml trusted) => Write(trusted.Html),
        (true, _) => Write(HtmlText.Encode(ObjectToString(textAsObject) ?? "")),
        _ => base.Write(span, textAsObject),
    };
}
