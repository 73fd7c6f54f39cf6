using System.Globalization;
using System.Net;
using System.Reflection;
using HandlebarsDotNet;

namespace PartnerIntake.Shared.Mail;

public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// Handlebars templates embedded from Mail/Templates/{kind}/{lang}.{subject|text|html}.hbs, with
/// partials from Mail/Templates/_partials. Compiled once at start; strict, so a missing variable throws.
/// HTML parts are escaped; subject and text parts are not (they are not HTML).
/// </summary>
public sealed class MailTemplates
{
    public const string FallbackLanguage = "en";
    private const string Prefix = "PartnerIntake.Shared.Mail.Templates.";

    private readonly Dictionary<(string Kind, string Lang), Compiled> templates = [];

    public MailTemplates()
        : this(LoadEmbedded())
    {
    }

    /// <param name="sources">Template sources by name: "{kind}.{lang}.{part}" or "_partials.{name}.{html|text}".</param>
    internal MailTemplates(IReadOnlyDictionary<string, string> sources)
    {
        var html = Handlebars.Create(new HandlebarsConfiguration
        {
            ThrowOnUnresolvedBindingExpression = true,
            FormatProvider = CultureInfo.InvariantCulture,
        });
        var text = Handlebars.Create(new HandlebarsConfiguration
        {
            ThrowOnUnresolvedBindingExpression = true,
            FormatProvider = CultureInfo.InvariantCulture,
            NoEscape = true,
        });
        RegisterHelpers(html);
        RegisterHelpers(text);
        html.RegisterHelper("lines", (writer, _, args) =>
            writer.WriteSafeString(WebUtility.HtmlEncode(args[0]?.ToString() ?? "").Replace("\n", "<br>\n", StringComparison.Ordinal)));
        text.RegisterHelper("lines", (writer, _, args) => writer.WriteSafeString(args[0]?.ToString() ?? ""));

        foreach (var (name, source) in sources.Where(s => s.Key.StartsWith("_partials.", StringComparison.Ordinal)))
        {
            var partial = name["_partials.".Length..].Replace('.', '_'); // header.html → header_html
            (partial.EndsWith("_html", StringComparison.Ordinal) ? html : text).RegisterTemplate(partial, source);
        }

        foreach (var group in sources.Keys.Where(k => !k.StartsWith("_partials.", StringComparison.Ordinal))
                     .Select(k => k.Split('.'))
                     .GroupBy(p => (Kind: p[0], Lang: p[1])))
        {
            string Source(string part) => sources.GetValueOrDefault($"{group.Key.Kind}.{group.Key.Lang}.{part}")
                ?? throw new InvalidOperationException($"Template {group.Key.Kind}/{group.Key.Lang} lacks its {part} part.");
            templates[group.Key] = new Compiled(
                text.Compile(Source("subject")),
                text.Compile(Source("text")),
                html.Compile(Source("html")));
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
        var compiled = templates.GetValueOrDefault((kind, model.Lang))
            ?? throw new InvalidOperationException($"No template {kind}/{model.Lang}; call ResolveLanguage first.");
        return new RenderedMail(
            compiled.Subject(model).Trim(),
            compiled.Text(model),
            compiled.Html(model));
    }

    private static void RegisterHelpers(IHandlebars hb)
    {
        // {{formatDate date Lang}}: a long date in the reader's language.
        hb.RegisterHelper("formatDate", (writer, _, args) =>
        {
            var date = args[0] is DateTimeOffset d ? d : throw new HandlebarsRuntimeException("formatDate needs a DateTimeOffset");
            writer.Write(date.ToString("D", Culture(args[1]?.ToString())));
        });
        // {{formatDay date Lang}}: a long date (DateOnly) in the reader's language, like formatDate.
        hb.RegisterHelper("formatDay", (writer, _, args) =>
        {
            var day = args[0] is DateOnly d ? d : throw new HandlebarsRuntimeException("formatDay needs a DateOnly");
            writer.Write(day.ToString("D", Culture(args[1]?.ToString())));
        });
        // {{formatNumber n Lang}}: a whole number with the reader's group separator (12,345 · 12.345 · 12 345).
        hb.RegisterHelper("formatNumber", (writer, _, args) =>
        {
            var number = args[0] is int or long or decimal or double && args[0] is IFormattable n ? n : throw new HandlebarsRuntimeException("formatNumber needs a number");
            writer.Write(number.ToString("N0", Culture(args[1]?.ToString())));
        });
        // {{join list ", "}}
        hb.RegisterHelper("join", (writer, _, args) =>
            writer.Write(string.Join(args.Length > 1 ? args[1]?.ToString() : ", ", (args[0] as System.Collections.IEnumerable ?? Array.Empty<object>()).Cast<object>())));
    }

    private static CultureInfo Culture(string? lang)
    {
        try
        {
            return CultureInfo.GetCultureInfo(lang ?? FallbackLanguage);
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
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".hbs", StringComparison.Ordinal))
            .ToDictionary(n => SourceName(n[Prefix.Length..^".hbs".Length]), n => Read(assembly, n), StringComparer.Ordinal);
    }

    /// <summary>
    /// MSBuild turns folder names into identifiers in manifest resource names ("thank-you" becomes
    /// "thank_you"); kinds are kebab-case, so the kind's underscores are hyphens again.
    /// </summary>
    private static string SourceName(string resource)
    {
        if (resource.StartsWith("_partials.", StringComparison.Ordinal))
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

    private sealed record Compiled(HandlebarsTemplate<object, object> Subject, HandlebarsTemplate<object, object> Text, HandlebarsTemplate<object, object> Html);
}
