using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;

namespace PartnerIntake.Shared.Geography;

/// <summary>
/// Names of the ISO 3166-2 subdivisions that routing may depend on, in the pages' languages (subdivisions.tab: code,
/// then en, de, es, fr, pl, pt, ar). The runtime's CLDR data has no subdivision names, so they are kept here; a code
/// an operator imports without a row here is shown as its code.
/// </summary>
public static class SubdivisionNames
{
    private static readonly string[] Languages = ["en", "de", "es", "fr", "pl", "pt", "ar"];
    private static readonly FrozenDictionary<string, string[]> NamesByCode = Load();

    public static bool IsNamed(string code) => NamesByCode.ContainsKey(code);

    /// <summary>The subdivision's name in the language (or English), else the code itself.</summary>
    public static string Localized(string code, CultureInfo language)
    {
        if (!NamesByCode.TryGetValue(code, out var names))
        {
            return code;
        }

        var index = Array.IndexOf(Languages, language.TwoLetterISOLanguageName);
        return names[index < 0 ? 0 : index];
    }

    private static FrozenDictionary<string, string[]> Load()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("PartnerIntake.Shared.Geography.subdivisions.tab")
            ?? throw new InvalidOperationException("subdivisions.tab is not embedded");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            map[parts[0]] = parts[1..];
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
