using System.Text.RegularExpressions;
using PartnerIntake.Shared.Mail;
using Scriban;

namespace PartnerIntake.UnitTests.Mail;

/// <summary>Every template in every language, with models built from the model types (<see cref="MailTemplateModels"/>).</summary>
public class MailTemplateCoverageTests
{
    private const string Markup = "<b>bold</b> & <script>alert('x')</script>";
    private const string EncodedMarkup = "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;";
    private static readonly MailTemplates Templates = new();

    public static TheoryData<string, string> AllTemplates()
    {
        var data = new TheoryData<string, string>();
        foreach (var (kind, lang) in Templates.All.Order())
        {
            data.Add(kind, lang);
        }

        return data;
    }

    [Fact]
    public void All_EveryKind_HasAModel()
    {
        Templates.All.Select(t => t.Kind).Distinct().ShouldBe(MailTemplateModels.Types.Keys, ignoreOrder: true);
    }

    [Fact]
    public void All_EveryKind_CoversTheSevenLanguages()
    {
        foreach (var kind in MailTemplateModels.Types.Keys)
        {
            Templates.All.Where(t => t.Kind == kind).Select(t => t.Lang).ShouldBe(["ar", "de", "en", "es", "fr", "pl", "pt"], ignoreOrder: true, kind);
        }
    }

    [Fact]
    public void Sources_Every_ParsesWithBalancedBraces()
    {
        var assembly = typeof(MailTemplates).Assembly;
        var sources = assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sbn", StringComparison.Ordinal)).ToList();

        sources.Count.ShouldBe(3 * Templates.All.Count() + 3); // subject, text and HTML of each; three partials
        foreach (var name in sources)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var source = reader.ReadToEnd();
            var template = Template.Parse(source, name);
            template.HasErrors.ShouldBeFalse($"{name}: {string.Join("; ", template.Messages)}");
            Regex.Count(source, @"\{\{").ShouldBe(Regex.Count(source, @"\}\}"), name);
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Render_EveryMemberSet_LeavesNoTemplateSyntax(string kind, string lang)
    {
        var rendered = Templates.Render(kind, MailTemplateModels.Build(kind, lang, name => $"{name} value", optionalMissing: false));

        foreach (var part in new[] { rendered.Subject, rendered.Text, rendered.Html })
        {
            part.ShouldNotContain("{{");
            part.ShouldNotContain("}}");
        }

        rendered.Subject.ShouldContain("Reference value");
        rendered.Text.ShouldContain("Reference value");
        rendered.Html.ShouldContain("Reference value");
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Render_OptionalMembersMissing_LeavesNoTemplateSyntaxAndNoHoles(string kind, string lang)
    {
        var full = Templates.Render(kind, MailTemplateModels.Build(kind, lang, name => $"{name} value", optionalMissing: false));

        var rendered = Templates.Render(kind, MailTemplateModels.Build(kind, lang, name => $"{name} value", optionalMissing: true));

        foreach (var part in new[] { rendered.Subject, rendered.Text, rendered.Html })
        {
            part.ShouldNotContain("{{");
            part.ShouldNotContain("}}");
            part.ShouldNotContain("[0] value"); // no list item is left
        }

        rendered.Text.ShouldContain("Reference value");
        rendered.Html.ShouldContain("</html>");
        rendered.Text.Length.ShouldBeLessThanOrEqualTo(full.Text.Length);
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Render_MarkupInEveryText_IsEncodedInHtmlAndVerbatimElsewhere(string kind, string lang)
    {
        var rendered = Templates.Render(kind, MailTemplateModels.Build(kind, lang, name => $"{name}: {Markup}", optionalMissing: false));

        rendered.Html.ShouldNotContain("<b>");
        rendered.Html.ShouldNotContain("<script");
        rendered.Html.ShouldContain(EncodedMarkup);
        rendered.Text.ShouldContain(Markup);
        rendered.Text.ShouldNotContain("&lt;");
        rendered.Subject.ShouldContain(Markup);
        var members = Regex.Matches(rendered.Text, @"([\w.\[\]]+): <b>").Select(m => m.Groups[1].Value).Distinct().ToList();
        members.ShouldNotBeEmpty();
        foreach (var member in members)
        {
            rendered.Html.ShouldContain($"{member}: {EncodedMarkup}", customMessage: $"{member} is in the text part, so the HTML part has it encoded");
        }
    }
}
