using System.Collections.Concurrent;
using System.Globalization;
using PartnerIntake.Shared.Geography;

namespace PartnerIntake.Web.Intake;

/// <summary>
/// A content language as the form offers it: its own name (what a speaker looks for) and its name in the page's
/// language, and what the filter box matches (both names, the English name and the code).
/// </summary>
public sealed record LanguageChoice(string Code, string Label, string Search)
{
    /// <summary>
    /// The languages partners name most (the form's earlier list): with JavaScript the list shows these, and what is
    /// ticked, until the partner types; the rest are a search away. Without JavaScript every language shows.
    /// </summary>
    public static readonly IReadOnlySet<string> Common = new HashSet<string>(StringComparer.Ordinal)
    {
        "en", "de", "fr", "es", "it", "pl", "pt", "nl", "sv", "ru", "uk", "cs", "ca", "eu", "gl", "hu", "fi", "da",
        "no", "el", "tr", "he", "ar", "fa", "ur", "hi", "bn", "ta", "id", "ms", "vi", "th", "zh", "ja", "ko",
        "sw", "yo", "ha", "ig", "am", "zu", "af", "eo", "la", "cy",
    };

    public bool IsCommon => Common.Contains(Code);

    private static readonly ConcurrentDictionary<string, IReadOnlyList<LanguageChoice>> Lists = new(StringComparer.Ordinal);

    /// <summary>Every Wikipedia language, sorted by its name in <paramref name="language"/>; built once per page language.</summary>
    public static IReadOnlyList<LanguageChoice> All(CultureInfo language) =>
        Lists.GetOrAdd(language.Name, _ =>
        {
            var comparer = StringComparer.Create(language, ignoreCase: true);
            return WikipediaLanguages.All
                .Select(l => (Language: l, Name: NameIn(l, language)))
                .OrderBy(p => p.Name, comparer)
                .Select(p => new LanguageChoice(
                    p.Language.Code,
                    string.Equals(p.Name, p.Language.Autonym, StringComparison.CurrentCultureIgnoreCase) ? p.Name : $"{p.Name} – {p.Language.Autonym}",
                    string.Join(' ', p.Name, p.Language.Autonym, p.Language.EnglishName, p.Language.Code).ToLower(language)))
                .ToList();
        });

    /// <summary>CLDR's name in the page language where the runtime knows the code, else the English name.</summary>
    private static string NameIn(WikipediaLanguage wikipedia, CultureInfo language)
    {
        if (language.TwoLetterISOLanguageName == "en" || wikipedia.Code.Contains('-', StringComparison.Ordinal))
        {
            return wikipedia.EnglishName;
        }

        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = language; // DisplayName follows the current UI culture
            var culture = CultureInfo.GetCultureInfo(wikipedia.Code);
            var name = culture.DisplayName;
            return name.Length == 0 || name == wikipedia.Code || name.Contains('(', StringComparison.Ordinal)
                ? wikipedia.EnglishName
                : char.ToUpper(name[0], language) + name[1..]; // "gallois" heads a line of a list: "Gallois"
        }
        catch (CultureNotFoundException)
        {
            return wikipedia.EnglishName;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
