using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// Where the parts of one mail are rendered, one after the other (a TemplateContext is not thread-safe: one per mail). Strict: an unknown
/// variable or member throws. Dates and numbers follow the reader's culture. Scriban does not escape: in an HTML
/// part this context encodes every value an expression writes, except <see cref="TrustedHtml"/>.
/// </summary>
internal sealed class MailTemplateContext : TemplateContext
{
    // Scriban's own functions, built once: a new TemplateContext otherwise builds them afresh (about 110 KB per
    // render). Shared read-only: our templates never assign to a built-in.
    private static readonly ScriptObject Builtins = GetDefaultBuiltinObject();

    private readonly IReadOnlyDictionary<string, Template> partials;

    public MailTemplateContext(ScriptObject functions, ScriptObject model, CultureInfo culture, IReadOnlyDictionary<string, Template> partials)
        : base(Builtins)
    {
        this.partials = partials;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false; // else an unknown member of a model renders as ''
        MemberRenamer = StandardMemberRenamer.Default; // the one the model is imported with, else nested members render as ''
        LoopLimit = 0; // a list is as long as the inquiry's history, not capped at 1000
        LimitToString = 0; // the default cuts a part at 1 MB with "..."
        PushGlobal(functions);
        PushGlobal(model);
        PushCulture(culture);
    }

    /// <summary>Whether the part being rendered is HTML: set before each part.</summary>
    public bool IsHtml { get; set; }

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
