using System.Globalization;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace PartnerIntake.Shared.Mail;

public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// Scriban templates embedded from Mail/Templates/{kind}/{lang}.{subject|text|html}.sbn, with partials from
/// Mail/Templates/_partials. Parsed once at start; rendered strictly (<see cref="MailTemplateContext"/>): a missing
/// variable or member throws. The model's members are snake_case (ContactName is contact_name). HTML parts encode
/// every value; subject and text parts do not (they are not HTML). An optional text is tested with
/// <c>string.empty</c>, a list with <c>.empty?</c>, since Scriban counts "" and [] as true.
/// </summary>
public sealed class MailTemplates
{
    public const string FallbackLanguage = "en";
    private const string Prefix = "PartnerIntake.Shared.Mail.Templates.";
    private const string PartialPrefix = "_partials.";

    private readonly Dictionary<(string Kind, string Lang), Parsed> templates = [];
    private readonly Dictionary<string, Template> partials = new(StringComparer.Ordinal);
    private readonly ScriptObject functions = new();

    public MailTemplates()
        : this(LoadEmbedded())
    {
    }

    /// <param name="sources">Template sources by name: "{kind}.{lang}.{part}" or "_partials.{name}.{html|text}".</param>
    internal MailTemplates(IReadOnlyDictionary<string, string> sources)
    {
        functions.Import(typeof(MailTemplateFunctions), renamer: StandardMemberRenamer.Default);
        functions.IsReadOnly = true; // shared by every render, on any thread

        foreach (var (name, source) in sources.Where(s => s.Key.StartsWith(PartialPrefix, StringComparison.Ordinal)))
        {
            var partial = name[PartialPrefix.Length..]; // header.html
            partials[partial] = Parse(source, $"_partials/{partial}.sbn");
        }

        foreach (var group in sources.Keys.Where(k => !k.StartsWith(PartialPrefix, StringComparison.Ordinal))
                     .Select(k => k.Split('.'))
                     .GroupBy(p => (Kind: p[0], Lang: p[1])))
        {
            Template Part(string part)
            {
                var source = sources.GetValueOrDefault($"{group.Key.Kind}.{group.Key.Lang}.{part}")
                    ?? throw new InvalidOperationException($"Template {group.Key.Kind}/{group.Key.Lang} lacks its {part} part.");
                return Parse(source, $"{group.Key.Kind}/{group.Key.Lang}.{part}.sbn");
            }

            templates[group.Key] = new Parsed(Part("subject"), Part("text"), Part("html"));
        }
    }

    public IEnumerable<(string Kind, string Lang)> All => templates.Keys;

    /// <summary>The language a message will be rendered in: the requested one, its primary subtag, or English.</summary>
    public string ResolveLanguage(string kind, string requested)
    {
        if (templates.ContainsKey((kind, requested)))
        {
            return requested;
        }

        var primary = requested.Split('-')[0].ToLowerInvariant();
        return templates.ContainsKey((kind, primary)) ? primary : FallbackLanguage;
    }

    public RenderedMail Render(string kind, MailModel model)
    {
        var parsed = templates.GetValueOrDefault((kind, model.Lang))
            ?? throw new InvalidOperationException($"No template {kind}/{model.Lang}; call ResolveLanguage first.");
        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        var context = new MailTemplateContext(functions, globals, Culture(model.Lang), partials);
        string Run(Template template, bool html)
        {
            context.IsHtml = html;
            return template.Render(context); // returns this part's output and clears it for the next part
        }

        return new RenderedMail(
            Run(parsed.Subject, html: false).Trim(),
            Run(parsed.Text, html: false),
            Run(parsed.Html, html: true));
    }

    private static Template Parse(string source, string path)
    {
        var template = Template.Parse(source, path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Template {path} does not parse: {string.Join("; ", template.Messages)}");
        }

        // Scriban takes an unclosed "{{" at the end of a file for text, without an error.
        if (Count(source, "{{") != Count(source, "}}"))
        {
            throw new InvalidOperationException($"Template {path} has unbalanced {{{{ and }}}}.");
        }

        return template;
    }

    private static int Count(string source, string braces)
    {
        var count = 0;
        for (var at = source.IndexOf(braces, StringComparison.Ordinal); at >= 0; at = source.IndexOf(braces, at + braces.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static CultureInfo Culture(string lang)
    {
        try
        {
            return CultureInfo.GetCultureInfo(lang);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static Dictionary<string, string> LoadEmbedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sbn", StringComparison.Ordinal))
            .ToDictionary(n => SourceName(n[Prefix.Length..^".sbn".Length]), n => Read(assembly, n), StringComparer.Ordinal);
    }

    /// <summary>
    /// MSBuild turns folder names into identifiers in manifest resource names ("thank-you" becomes
    /// "thank_you"); kinds are kebab-case, so the kind's underscores are hyphens again.
    /// </summary>
    private static string SourceName(string resource)
    {
        if (resource.StartsWith(PartialPrefix, StringComparison.Ordinal))
        {
            return resource;
        }

        var dot = resource.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? resource : resource[..dot].Replace('_', '-') + resource[dot..];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A parsed template is immutable and shared by every render.</summary>
    private sealed record Parsed(Template Subject, Template Text, Template Html);
}
